import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createQueueSafely } from "@/lib/jobs/boss";
import { startHeartbeat } from "@/lib/jobs/heartbeat";
import { reclaimJobsOfDeadWorkers, startReclaimingJobs } from "@/lib/jobs/job-claims";
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
  it("a worker killed in the middle of a job: it is put back for retry at once and a live worker runs it, not at its 2-minute expiry", async () => {
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

    expect(await reclaimJobsOfDeadWorkers(b)).toBe(1);
    // Put back for a retry that may start now: no waiting for the job's 2-minute expiry.
    expect((await b.getJobById(queue, jobId))?.state).toBe("retry");
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

  it("a job its worker took but died before claiming is retried at once once it has been active that long; a fresh one is left alone", async () => {
    const queue = `claims-unclaimed-${Date.now()}`;
    const b = await workerBoss();
    await createQueueSafely(b, queue, { ...QUEUE_OPTIONS, retryDelay: 60, retryBackoff: true });
    const [orphan, fresh] = [(await b.send(queue, {}))!, (await b.send(queue, {}))!];
    await b.fetch(queue, { batchSize: 2 }); // both active, no claim
    await prisma.$executeRaw`UPDATE "pgboss"."job" SET "started_on" = now() - interval '2 minutes' WHERE "id" = ${orphan}::uuid`;

    await reclaimJobsOfDeadWorkers(b, []); // only the queues that claim are checked
    expect((await b.getJobById(queue, orphan))?.state).toBe("active");
    await reclaimJobsOfDeadWorkers(b, [queue]);
    expect((await b.getJobById(queue, fresh))?.state).toBe("active");
    const retried = await b.getJobById(queue, orphan);
    expect(retried?.state).toBe("retry");
    // no backoff (the queue's is 60 s and growing): a live worker may take it now
    expect((await b.fetch(queue))?.map((j) => j.id)).toEqual([orphan]);
  });

  it("a worker on this host whose process is gone is dead at once: its jobs are retried without waiting for its heartbeat to go stale", async () => {
    const queue = `claims-gone-${Date.now()}`;
    const b = await workerBoss();
    await createQueueSafely(b, queue, QUEUE_OPTIONS);
    const gonePid = spawnSync(process.execPath, ["-e", ""]).pid; // a process that has exited
    const gone = await startHeartbeat({ workerId: `${hostname()}-${gonePid}-abcdef` }); // beat just now
    const jobId = (await b.send(queue, {}, QUEUE_OPTIONS))!;
    await b.fetch(queue);
    await prisma.workerJobClaim.create({ data: { jobId, queue, workerId: gone.workerId } });
    const live = await startHeartbeat({ workerId: `${hostname()}-${process.pid}-fedcba` });

    await reclaimJobsOfDeadWorkers(b);
    expect((await b.getJobById(queue, jobId))?.state).toBe("retry");
    expect(await prisma.workerHeartbeat.count({ where: { workerId: gone.workerId } })).toBe(0);
    expect(await prisma.workerHeartbeat.count({ where: { workerId: live.workerId } })).toBe(1);
    await gone.stop();
    await live.stop();
  });

  it("a job active without a claim for ten seconds is its dead worker's: the claim is the handler's first statement, so it is retried without waiting for a heartbeat to go stale", async () => {
    const queue = `claims-unclaimed-10s-${Date.now()}`;
    const b = await workerBoss();
    await createQueueSafely(b, queue, QUEUE_OPTIONS);
    const orphan = (await b.send(queue, {}))!;
    await b.fetch(queue); // active, no claim: its worker was killed right after taking it
    await prisma.$executeRaw`UPDATE "pgboss"."job" SET "started_on" = now() - interval '10 seconds' WHERE "id" = ${orphan}::uuid`;

    await reclaimJobsOfDeadWorkers(b, [queue]);
    expect((await b.getJobById(queue, orphan))?.state).toBe("retry");
  });

  it("a worker starting (the supervisor's replacement after a kill -9) takes over its predecessor's jobs at its first check, not one interval later", async () => {
    const queue = `claims-at-start-${Date.now()}`;
    const b = await workerBoss();
    await createQueueSafely(b, queue, QUEUE_OPTIONS);
    const gonePid = spawnSync(process.execPath, ["-e", ""]).pid;
    const gone = await startHeartbeat({ workerId: `${hostname()}-${gonePid}-abc123` });
    const jobId = (await b.send(queue, {}, QUEUE_OPTIONS))!;
    await b.fetch(queue);
    await prisma.workerJobClaim.create({ data: { jobId, queue, workerId: gone.workerId } });

    const reclaimer = startReclaimingJobs(b, { queues: [queue], intervalMs: 3_600_000 });
    try {
      expect(await reclaimer.first).toBe(1);
      expect((await b.getJobById(queue, jobId))?.state).toBe("retry");
    } finally {
      reclaimer.stop();
      await gone.stop();
    }
  });
});
