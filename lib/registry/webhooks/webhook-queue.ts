import type PgBoss from "pg-boss";
import { z } from "zod";
import { bossWithQueue } from "@/lib/jobs/boss";
import type { TQueue } from "@/lib/jobs/queues";
import { deliverWebhook } from "@/lib/registry/webhooks/deliver-webhook";

export const WEBHOOK_QUEUE = "icr-webhook";

/** 8 attempts: the first plus 7 retries, backing off exponentially (pg-boss: ~1-2 s, 2-4 s, 4-8 s, …). */
export const WEBHOOK_RETRY = { retryLimit: 7, retryDelay: 1, retryBackoff: true, expireInSeconds: 30 } as const;

export const ZWebhookJob = z.object({ appId: z.string().uuid(), event: z.string(), deliveryId: z.string().uuid(), body: z.string() });
export type TWebhookJob = z.infer<typeof ZWebhookJob>;

/** The pg-boss instance with the webhook queue created (senders may run before any worker). */
export function webhookBoss(): Promise<PgBoss> {
  return bossWithQueue(WEBHOOK_QUEUE, WEBHOOK_RETRY);
}

export const webhookQueue: TQueue = {
  name: WEBHOOK_QUEUE,
  options: WEBHOOK_RETRY,
  workOptions: { batchSize: 1, pollingIntervalSeconds: 0.5 },
  // A throw fails the job and pg-boss retries it later with the same data (same delivery id).
  handler: async (jobs) => {
    for (const job of jobs) await deliverWebhook(ZWebhookJob.parse(job.data));
  },
};
