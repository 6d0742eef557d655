// Takeover of a dead worker's jobs. pg-boss alone retries a job whose worker was killed only once the
// job expires (2 minutes for a batch of transfers, plus up to one maintenance interval). A queue that
// opts in (`reclaimIfWorkerDies`) records which worker runs each job (`worker_job_claim`); every worker
// checks the claims against the heartbeats, and fails the jobs of a worker whose heartbeat went stale,
// so pg-boss retries them on a live worker within seconds. A job done twice must be harmless (the
// request pipeline is idempotent: a retry finds finished requests finished); this only makes it sooner.
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import { prisma } from "@/lib/db";
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_STALE_SECONDS } from "@/lib/jobs/heartbeat";
import { logger } from "@/lib/log/logger";

/**
 * How long a job of a claiming queue may be `active` with no claim before it counts as its worker's
 * death. The claim is the handler's first statement, a database round trip after the fetch; past
 * this its worker died between the two (or its database stalls that long: the job then runs twice,
 * which the queues that claim must bear anyway).
 */
export const CLAIM_GRACE_SECONDS = 8;

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

/** A heartbeat id is `<host>-<pid>-<random>` (heartbeat.ts). */
const WORKER_ID = /^(.*)-(\d+)-[0-9a-f]{6}$/;

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A worker on this host whose process is gone (kill -9; `npm start`'s supervisor starts its
 * successor at once) is known dead now, not only once its heartbeat is stale: its heartbeat is
 * removed, so its jobs are taken over within one check. A pid reused by another process only
 * means waiting for the stale heartbeat, as for a worker on another host.
 */
async function forgetDeadWorkersOnThisHost(): Promise<void> {
  const host = hostname();
  const rows = await prisma.workerHeartbeat.findMany({
    where: { workerId: { startsWith: `${host}-` } },
    select: { workerId: true },
  });
  const dead = rows
    .map((r) => ({ id: r.workerId, m: WORKER_ID.exec(r.workerId) }))
    .filter((r) => r.m && r.m[1] === host && !isPidAlive(Number(r.m[2])))
    .map((r) => r.id);
  if (dead.length) await prisma.workerHeartbeat.deleteMany({ where: { workerId: { in: dead } } });
}

/**
 * Fails the jobs of dead workers; pg-boss then retries them as it would a thrown error, at once (no
 * backoff: the job did nothing wrong). A dead worker's job is either claimed by a worker without a
 * heartbeat for HEARTBEAT_STALE_SECONDS (killed, or cut off; on this host, a worker whose process
 * is gone at once), or, in one of `queues` (those that claim), active for CLAIM_GRACE_SECONDS with
 * no claim at all: its worker took it from the queue and died before its claim reached the database
 * (left alone, it would wait for its expiry). Returns how many were failed.
 */
export async function reclaimJobsOfDeadWorkers(b: PgBoss, queues: string[] = []): Promise<number> {
  await forgetDeadWorkersOnThisHost();
  const claimed = await prisma.$queryRaw<{ jobId: string; queue: string; workerId: string }[]>`
    DELETE FROM "worker_job_claim" c
    WHERE NOT EXISTS (
      SELECT 1 FROM "worker_heartbeat" h
      WHERE h."workerId" = c."workerId"
        AND h."beatAt" > now() AT TIME ZONE 'UTC' - make_interval(secs => ${HEARTBEAT_STALE_SECONDS}))
    RETURNING c."jobId"::text AS "jobId", c."queue", c."workerId"`;
  const unclaimed = queues.length
    ? await prisma.$queryRaw<{ jobId: string; queue: string }[]>`
        SELECT j."id"::text AS "jobId", j."name" AS "queue" FROM "pgboss"."job" j
        WHERE j."name" = ANY(${queues}::text[]) AND j."state" = 'active'
          AND j."started_on" < now() - make_interval(secs => ${CLAIM_GRACE_SECONDS})
          AND NOT EXISTS (SELECT 1 FROM "worker_job_claim" c WHERE c."jobId" = j."id")`
    : [];
  const orphans = [...claimed, ...unclaimed.map((u) => ({ ...u, workerId: "(never claimed)" }))];
  const byQueue = new Map<string, string[]>();
  for (const o of orphans) byQueue.set(o.queue, [...(byQueue.get(o.queue) ?? []), o.jobId]);
  for (const [queue, ids] of byQueue) {
    const reason = { message: "its worker stopped beating (killed or cut off); retried elsewhere" };
    for (const id of ids) await b.fail(queue, id, reason);
    // The retry starts now rather than after the queue's backoff, which grows with every kill.
    await prisma.$executeRaw`UPDATE "pgboss"."job" SET "start_after" = now()
      WHERE "name" = ${queue} AND "id" = ANY(${ids}::uuid[]) AND "state" = 'retry'`;
    logger.warn(
      {
        queue,
        jobs: ids.length,
        workers: [...new Set(orphans.filter((o) => o.queue === queue).map((o) => o.workerId))],
      },
      "failed the jobs of a dead worker so that a live one retries them",
    );
  }
  return orphans.length;
}

/**
 * Checks for dead workers' jobs now (a worker started by the supervisor after a kill -9 takes over
 * its predecessor's jobs at once) and then every heartbeat interval until stopped. `first` settles
 * with the first check (how many jobs it failed; 0 when the check itself failed).
 */
export function startReclaimingJobs(
  b: PgBoss,
  opts: { queues?: string[]; intervalMs?: number } = {},
): { stop: () => void; first: Promise<number> } {
  const check = () =>
    reclaimJobsOfDeadWorkers(b, opts.queues).catch((err: unknown) => {
      logger.warn({ err: String(err) }, "could not check for a dead worker's jobs; trying again");
      return 0;
    });
  const first = check();
  const timer = setInterval(() => void check(), opts.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), first };
}
