import type PgBoss from "pg-boss";
import { boss, createQueueSafely } from "@/lib/jobs/boss";
import { claimingHandler } from "@/lib/jobs/job-claims";
import type { TQueue } from "@/lib/jobs/queue";
import { watchLive } from "@/lib/live/live-hub";

/**
 * Starts `q.workers` workers for one queue in this process (each handles one fetch at a time). With
 * `wakeOnAnnounce`, a job announced on the live channel (any process, `announceJobs`) wakes them at
 * once; their polling stays as the fallback. With `reclaimIfWorkerDies` and this process's heartbeat
 * id, the jobs it runs are claimed under that id (job-claims.ts).
 */
export async function workQueue(b: PgBoss, q: TQueue, opts: { workerId?: string } = {}): Promise<void> {
  const handler =
    q.reclaimIfWorkerDies && opts.workerId ? claimingHandler(opts.workerId, q.name, q.handler) : q.handler;
  const ids: string[] = [];
  for (let i = 0; i < (q.workers ?? 1); i++) ids.push(await b.work(q.name, q.workOptions ?? {}, handler as never));
  if (q.wakeOnAnnounce)
    watchLive(`jobs:${q.name}`, { onEvent: () => ids.forEach((id) => b.notifyWorker(id)), onStatus: () => undefined });
}

/**
 * Creates the given queues (the app's list: lib/worker/queues.ts) and, when `work` is set, starts
 * handling them in this process; `workerId` (the process's heartbeat) lets a dead worker's claimed
 * jobs be retried at once by the others.
 */
export async function startJobs(opts: {
  queues: readonly TQueue[];
  work: boolean;
  workerId?: string;
}): Promise<PgBoss> {
  const b = await boss();
  for (const q of opts.queues) {
    await createQueueSafely(b, q.name, q.options);
    if (q.schedule) await b.schedule(q.name, q.schedule);
    if (opts.work && q.runAtStart) await b.send(q.name, {});
    if (opts.work) await workQueue(b, q, { workerId: opts.workerId });
  }
  return b;
}
