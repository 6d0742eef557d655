// The webhook queue's jobs: one job is one delivery attempt (its name, options, payload and scheduling).
import type PgBoss from "pg-boss";
import { z } from "zod";
import { bossWithQueue } from "@/lib/jobs/boss";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";
import { prisma, type TDb } from "@/lib/db";
import { notifyLive } from "@/lib/live/notify";
import { uuidFromText } from "@/lib/webhooks/attempt-job-id";
import { retrySchedule } from "@/lib/webhooks/retry-schedule";

export const WEBHOOK_QUEUE = "icr-webhook";

/** Deliveries one worker process makes at once. */
export const WEBHOOK_WORKERS_PER_PROCESS = 4;

/**
 * ICR's documented retry delays (docs/icr-contract.md, "Webhooks"), in seconds after failed attempt
 * n before attempt n + 1: quick retries first, then spread over more than a day (the last attempt is
 * ~28 h after the first). The schedule's arithmetic is the neutral one (lib/webhooks/retry-schedule.ts).
 */
export const WEBHOOK_RETRY_DELAYS_S = [1, 2, 4, 10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200] as const;
export const ICR_RETRY_SCHEDULE = retrySchedule(WEBHOOK_RETRY_DELAYS_S);
export const WEBHOOK_MAX_ATTEMPTS = ICR_RETRY_SCHEDULE.maxAttempts;

/** A job is one attempt; pg-boss retries it only when the attempt itself could not run (e.g. the database was down). */
export const WEBHOOK_JOB_OPTIONS = { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 30 } as const;

export const ZWebhookJob = z.object({
  appId: z.string().uuid(),
  event: z.string(),
  deliveryId: z.string().uuid(),
  body: z.string(),
});
export type TWebhookJob = z.infer<typeof ZWebhookJob>;

/** The pg-boss instance with the webhook queue created (senders may run before any worker). */
export function webhookBoss(): Promise<PgBoss> {
  return bossWithQueue(WEBHOOK_QUEUE, WEBHOOK_JOB_OPTIONS);
}

/** The job id of attempt n of a delivery: the same on every try, so scheduling an attempt twice adds nothing. */
export function attemptJobId(deliveryId: string, attempt: number): string {
  return attempt === 1 ? deliveryId : uuidFromText(`${deliveryId}:${attempt}`);
}

/** Queues attempt `attempt` of a delivery to run at `startAfter` (now when null; in `db`'s transaction when given). */
export async function scheduleWebhookAttempt(
  job: TWebhookJob,
  attempt: number,
  startAfter: Date | null = null,
  db?: TDb,
): Promise<void> {
  const b = await webhookBoss();
  await b.send(WEBHOOK_QUEUE, job, {
    ...WEBHOOK_JOB_OPTIONS,
    id: attemptJobId(job.deliveryId, attempt),
    ...(startAfter ? { startAfter } : {}),
    ...(db ? { db: jobsInTransaction(db) } : {}),
  } as PgBoss.SendOptions);
  // Workers hear of a delivery due now at the commit (the app sees the change a poll sooner).
  if (!startAfter) await notifyLive(db ?? prisma, [{ topic: "jobs", queue: WEBHOOK_QUEUE }]);
}
