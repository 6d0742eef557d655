import type PgBoss from "pg-boss";
import { z } from "zod";
import type { TDb } from "@/lib/db";
import { bossWithQueue } from "@/lib/jobs/boss";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";
import { uuidFromText } from "@/lib/webhooks/attempt-job-id";

export const USER_WEBHOOK_QUEUE = "cm-user-webhook";

/**
 * A job is one attempt of one delivery. pg-boss retries the job itself only when the attempt could
 * not run to its end (the worker was killed, the database was down); the delivery's own schedule
 * (lib/webhooks/retry-schedule.ts) is kept as jobs that start later.
 */
export const USER_WEBHOOK_JOB_OPTIONS = {
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 30,
} as const;

export const ZUserWebhookJob = z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(1) });
export type TUserWebhookJob = z.infer<typeof ZUserWebhookJob>;

/** The job id of attempt n of a delivery: the same on every try, so scheduling an attempt twice adds nothing. */
export function attemptJobId(deliveryId: string, attempt: number): string {
  return uuidFromText(`cm-user-webhook:${deliveryId}:${attempt}`);
}

/** Queues attempt `attempt` of a delivery at `startAfter` (now when omitted), in `db`'s transaction when given. */
export async function scheduleAttempt(job: TUserWebhookJob, opts: { startAfter?: Date; db?: TDb } = {}): Promise<void> {
  const b = await bossWithQueue(USER_WEBHOOK_QUEUE, USER_WEBHOOK_JOB_OPTIONS);
  await b.send(USER_WEBHOOK_QUEUE, job, {
    ...USER_WEBHOOK_JOB_OPTIONS,
    id: attemptJobId(job.deliveryId, job.attempt),
    ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
    ...(opts.db ? { db: jobsInTransaction(opts.db) } : {}),
  } as PgBoss.SendOptions);
}
