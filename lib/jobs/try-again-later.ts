// A job waiting for something outside the database (e.g. a transaction to become final on chain)
// queues its next attempt itself, after a delay growing from 5 s to 1 min: about an hour in all.
import type PgBoss from "pg-boss";
import type { TTx } from "@/lib/db";
import { bossWithQueue, type TQueueOptions } from "@/lib/jobs/boss";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";

export const WAIT_ATTEMPTS = 60;
const delaySeconds = (attempt: number) => Math.min(60, 5 * 2 ** attempt);

/**
 * Queues attempt `attempt` of a waiting job (0: the first) after its delay, in `db`'s transaction
 * when given; false, queuing nothing, once the attempts are used up.
 */
export async function tryAgainLater(
  queue: { name: string; options: TQueueOptions },
  data: Record<string, unknown>,
  attempt: number,
  db?: TTx,
): Promise<boolean> {
  if (attempt >= WAIT_ATTEMPTS) return false;
  const b = await bossWithQueue(queue.name, queue.options);
  await b.send(queue.name, { ...data, attempt }, {
    ...queue.options,
    startAfter: delaySeconds(attempt),
    ...(db ? { db: jobsInTransaction(db) } : {}),
  } as PgBoss.SendOptions);
  return true;
}
