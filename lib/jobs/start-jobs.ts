import type PgBoss from "pg-boss";
import { boss, createQueueSafely } from "@/lib/jobs/boss";
import { QUEUES, type TQueue } from "@/lib/jobs/queues";
import { watchLive } from "@/lib/live/live-hub";

/**
 * Starts `q.workers` workers for one queue in this process (each handles one fetch at a time). With
 * `wakeOnAnnounce`, a job announced on the live channel (any process, `announceJobs`) wakes them at
 * once; their polling stays as the fallback.
 */
export async function workQueue(b: PgBoss, q: TQueue): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < (q.workers ?? 1); i++) ids.push(await b.work(q.name, q.workOptions ?? {}, q.handler as never));
  if (q.wakeOnAnnounce)
    watchLive(`jobs:${q.name}`, { onEvent: () => ids.forEach((id) => b.notifyWorker(id)), onStatus: () => undefined });
}

/** Creates every queue and, when `work` is set, starts handling them in this process. */
export async function startJobs(opts: { work: boolean }): Promise<PgBoss> {
  const b = await boss();
  for (const q of QUEUES) {
    await createQueueSafely(b, q.name, q.options);
    if (q.schedule) await b.schedule(q.name, q.schedule);
    if (opts.work && q.runAtStart) await b.send(q.name, {});
    if (opts.work) await workQueue(b, q);
  }
  return b;
}
