import type { TQueue } from "@/lib/jobs/queue";
import { deliverUserWebhook } from "@/lib/carbonmark/user-webhooks/deliver-event";
import {
  USER_WEBHOOK_JOB_OPTIONS,
  USER_WEBHOOK_QUEUE,
  ZUserWebhookJob,
} from "@/lib/carbonmark/user-webhooks/webhook-jobs";

/** Delivers events to users' endpoints; a killed worker's attempt is retried by another at once. */
export const userWebhookQueue: TQueue = {
  name: USER_WEBHOOK_QUEUE,
  options: USER_WEBHOOK_JOB_OPTIONS,
  workOptions: { batchSize: 1, pollingIntervalSeconds: 0.5 },
  // A slow endpoint must not hold back everyone else's deliveries.
  workers: 4,
  reclaimIfWorkerDies: true,
  handler: async (jobs) => {
    for (const job of jobs) await deliverUserWebhook(ZUserWebhookJob.parse(job.data));
  },
};
