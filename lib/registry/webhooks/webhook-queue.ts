import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { bossWithQueue } from "@/lib/jobs/boss";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";
import type { TDb } from "@/lib/db";
import type { TQueue } from "@/lib/jobs/queues";
import { deliverWebhook } from "@/lib/registry/webhooks/deliver-webhook";

export const WEBHOOK_QUEUE = "icr-webhook";

/** Deliveries one worker process makes at once. */
export const WEBHOOK_WORKERS_PER_PROCESS = 4;

/**
 * Seconds to wait after failed attempt n before attempt n + 1: quick retries first, then spread
 * over more than a day (the last attempt is ~28 h after the first), as GitHub and Stripe do.
 */
export const WEBHOOK_RETRY_DELAYS_S = [1, 2, 4, 10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_S.length + 1;

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
  if (attempt === 1) return deliveryId;
  const h = createHash("sha256").update(`${deliveryId}:${attempt}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Queues attempt `attempt` of a delivery to run after `delaySeconds` (in `db`'s transaction when given). */
export async function scheduleWebhookAttempt(
  job: TWebhookJob,
  attempt: number,
  delaySeconds = 0,
  db?: TDb,
): Promise<void> {
  const b = await webhookBoss();
  await b.send(WEBHOOK_QUEUE, job, {
    ...WEBHOOK_JOB_OPTIONS,
    id: attemptJobId(job.deliveryId, attempt),
    ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}),
    ...(db ? { db: jobsInTransaction(db) } : {}),
  } as PgBoss.SendOptions);
}

export const webhookQueue: TQueue = {
  name: WEBHOOK_QUEUE,
  options: WEBHOOK_JOB_OPTIONS,
  workOptions: { batchSize: 1, pollingIntervalSeconds: 0.5 },
  // Deliveries go to other parties' servers: one that hangs until WEBHOOK_TIMEOUT_MS must not hold
  // back everyone else's. Their order does not matter (receivers apply states forward-only).
  workers: WEBHOOK_WORKERS_PER_PROCESS,
  handler: async (jobs) => {
    for (const job of jobs) await deliverWebhook(ZWebhookJob.parse(job.data));
  },
};
