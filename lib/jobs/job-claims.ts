// Takeover of a dead worker's jobs. pg-boss alone retries a job whose worker was killed only once the
// job expires (2 minutes for a batch of transfers, plus up to one maintenance interval). A queue that
// opts in (`reclaimIfWorkerDies`) records which worker runs each job (`worker_job_claim`); every worker
// checks the claims against the heartbeats, and fails the jobs of a worker whose heartbeat went stale,
// so pg-boss retries them on a live worker within seconds. A job done twice must be harmless (the
// request pipeline is idempotent: a retry finds finished requests finished); this only makes it sooner.
import type PgBoss from "pg-boss";
import { prisma } from "@/lib/db";
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_STALE_SECONDS } from "@/lib/jobs/heartbeat";
import { logger } from "@/lib/log/logger";

/** Wraps a queue's handler: its jobs are claimed by `workerId` while it runs them. */
export function claimingHandler(
  workerId: string,
  queue: string,
  handler: (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>,
): (jobs: PgBoss.Job<unknown>[]) => Promise<unknown> {
  return async (jobs) => {
    const ids = jobs.map((j) => j.id);
    await prisma.workerJobClaim.createMany({
      data: ids.map((jobId) => ({ jobId, queue, workerId })),
      skipDuplicates: true,
    });
    try {
      return await handler(jobs);
    } finally {
      await prisma.workerJobClaim
        .deleteMany({ where: { jobId: { in: ids }, workerId } })
        .catch((err: unknown) => logger.warn({ err: String(err), queue }, "could not release job claims"));
    }
  };
}

/**
 * Fails the jobs claimed by workers without a heartbeat for HEARTBEAT_STALE_SECONDS (killed, or cut
 * off); pg-boss then retries them as it would a thrown error. Returns how many were failed.
 */
export async function reclaimJobsOfDeadWorkers(b: PgBoss): Promise<number> {
  const orphans = await prisma.$queryRaw<{ jobId: string; queue: string; workerId: string }[]>`
    DELETE FROM "worker_job_claim" c
    WHERE NOT EXISTS (
      SELECT 1 FROM "worker_heartbeat" h
      WHERE h."workerId" = c."workerId"
        AND h."beatAt" > now() AT TIME ZONE 'UTC' - make_interval(secs => ${HEARTBEAT_STALE_SECONDS}))
    RETURNING c."jobId"::text AS "jobId", c."queue", c."workerId"`;
  const byQueue = new Map<string, string[]>();
  for (const o of orphans) byQueue.set(o.queue, [...(byQueue.get(o.queue) ?? []), o.jobId]);
  for (const [queue, ids] of byQueue) {
    const reason = { message: "its worker stopped beating (killed or cut off); retried elsewhere" };
    for (const id of ids) await b.fail(queue, id, reason);
    logger.warn(
      { queue, jobs: ids.length, workers: [...new Set(orphans.map((o) => o.workerId))] },
      "failed the jobs of a dead worker so that a live one retries them",
    );
  }
  return orphans.length;
}

/** Checks for dead workers' jobs every heartbeat interval until stopped. */
export function startReclaimingJobs(b: PgBoss, intervalMs = HEARTBEAT_INTERVAL_MS): { stop: () => void } {
  const timer = setInterval(() => {
    reclaimJobsOfDeadWorkers(b).catch((err: unknown) =>
      logger.warn({ err: String(err) }, "could not check for a dead worker's jobs; trying again"),
    );
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
