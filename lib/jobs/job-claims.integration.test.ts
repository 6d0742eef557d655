import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createQueueSafely } from "@/lib/jobs/boss";
import { startHeartbeat } from "@/lib/jobs/heartbeat";
import { reclaimJobsOfDeadWorkers } from "@/lib/jobs/job-claims";
import { workQueue } from "@/lib/jobs/start-jobs";

// Two worker processes on one database (two pg-boss instances, two heartbeats). The job expires only
// after 2 minutes, as a batch of transfers does: without the takeover a killed worker's job waits that long.
const QUEUE_OPTIONS = { retryLimit: 3, retryDelay: 0, expireInSeconds: 120 };
const bosses: PgBoss[] = [];
async function workerBoss(): Promise<PgBoss> {
  const b = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", max: 3 });
  b.on("error", () => undefined);
  await b.start();
  bosses.push(b);
  return b;
}
afterAll(async () => {
  for (const b of bosses) await b.stop({ graceful: false, wait: true }).catch(() => undefined);
});

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a dead worker's jobs", () => {
  it("a worker killed in the middle of a job: a live worker runs it again within seconds, not at its 2-minute expiry", async () => {
    const queue = `claims-killed-${Date.now()}`;
    const [a, b] = [await workerBoss(), await workerBoss()];
    await createQueueSafely(a, queue, QUEUE_OPTIONS);
    const heartbeatA = await startHeartbeat({ workerId: `a-${queue}` });
    const heartbeatB = await startHeartbeat({ workerId: `b-${queue}` });
    // Worker A takes the job and never finishes it (it is killed mid-batch: its job stays "active").
    await workQueue(
      a,
      {
        name: queue,
        reclaimIfWorkerDies: true,
        workOptions: { pollingIntervalSeconds: 0.5 },
        handler: () => new Promise(() => {}),
      },
      { workerId: heartbeatA.workerId },
    );
    const jobId = (await a.send(queue, { n: 1 }, QUEUE_OPTIONS))!;
    await until(
      "worker A claims the job",
      async () => (await prisma.workerJobClaim.findUnique({ where: { jobId } })) ?? undefined,
      10_000,
    );
    await a.offWork(queue);
    // A stops beating; B works the same queue.
    await heartbeatA.stop();
    const ranOnB: string[] = [];
    await workQueue(
      b,
      {
        name: queue,
        reclaimIfWorkerDies: true,
        workOptions: { pollingIntervalSeconds: 0.5 },
        handler: async (jobs) => void ranOnB.push(...jobs.map((j) => j.id)),
      },
      { workerId: heartbeatB.workerId },
    );
    const killedAt = Date.now();

    expect(await reclaimJobsOfDeadWorkers(b)).toBe(1);
    await until("worker B runs the job", async () => (ranOnB.includes(jobId) ? true : undefined), 20_000);
    const job = await until(
      "the job completes",
      async () => {
        const j = await b.getJobById(queue, jobId);
        return j?.state === "completed" ? j : undefined;
      },
      10_000,
    );
    expect(job.retryCount).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(await prisma.workerJobClaim.count({ where: { jobId } })).toBe(0);
    await heartbeatB.stop();
  });

  it("a worker whose heartbeat went stale (not removed) counts as dead too; a live worker's jobs are left alone", async () => {
    const queue = `claims-live-${Date.now()}`;
    const b = await workerBoss();
    await createQueueSafely(b, queue, QUEUE_OPTIONS);
    const live = await startHeartbeat({ workerId: `live-${queue}` });
    await prisma.$executeRaw`INSERT INTO "worker_heartbeat" ("workerId", "startedAt", "beatAt")
      VALUES (${`stale-${queue}`}, now() AT TIME ZONE 'UTC' - interval '5 minutes', now() AT TIME ZONE 'UTC' - interval '2 minutes')`;
    const [liveJob, staleJob] = [(await b.send(queue, {}, QUEUE_OPTIONS))!, (await b.send(queue, {}, QUEUE_OPTIONS))!];
    const fetched = await b.fetch(queue, { batchSize: 2 }); // both active, as if two workers ran them
    expect(fetched.map((j) => j.id).sort()).toEqual([liveJob, staleJob].sort());
    await prisma.workerJobClaim.createMany({
      data: [
        { jobId: liveJob, queue, workerId: live.workerId },
        { jobId: staleJob, queue, workerId: `stale-${queue}` },
      ],
    });

    expect(await reclaimJobsOfDeadWorkers(b)).toBe(1);
    expect((await b.getJobById(queue, liveJob))?.state).toBe("active");
    expect((await b.getJobById(queue, staleJob))?.state).toBe("retry");
    expect(await prisma.workerJobClaim.findMany({ where: { queue }, select: { jobId: true } })).toEqual([
      { jobId: liveJob },
    ]);
    expect(await reclaimJobsOfDeadWorkers(b)).toBe(0);
    await live.stop();
  });
});
