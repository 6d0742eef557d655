import type { TQueue } from "@/lib/jobs/queue";
import { deliverWebhook } from "@/lib/registry/webhooks/deliver-webhook";
import {
  WEBHOOK_JOB_OPTIONS,
  WEBHOOK_QUEUE,
  WEBHOOK_WORKERS_PER_PROCESS,
  ZWebhookJob,
} from "@/lib/registry/webhooks/webhook-jobs";

export const webhookQueue: TQueue = {
  name: WEBHOOK_QUEUE,
  options: WEBHOOK_JOB_OPTIONS,
  workOptions: { batchSize: 1, pollingIntervalSeconds: 0.5 },
  // Deliveries go to other parties' servers: one that hangs until WEBHOOK_TIMEOUT_MS must not hold
  // back everyone else's. Their order does not matter (receivers apply states forward-only).
  workers: WEBHOOK_WORKERS_PER_PROCESS,
  wakeOnAnnounce: true,
  handler: async (jobs) => {
    for (const job of jobs) await deliverWebhook(ZWebhookJob.parse(job.data));
  },
};
