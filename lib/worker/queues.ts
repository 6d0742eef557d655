// The app's background queues, composed here where the worker starts: lib/jobs knows no domain,
// each domain exports its queue, and this list is what scripts/worker.ts hands to startJobs.
import type { TQueue } from "@/lib/jobs/queue";
import { webhookQueue } from "@/lib/registry/webhooks/webhook-queue";
import { processRequestQueue, sweepRequestsQueue } from "@/lib/registry/requests/request-queue";
import { certificateQueue } from "@/lib/registry/retirements/certificate-queue";
import { syncRetirementsQueue } from "@/lib/registry/retirements/retirements-queue";
import { icrMailQueue } from "@/lib/registry/mail/mail-queue";
import { cmMailQueue } from "@/lib/carbonmark/mail/mail-queue";
import { indexHoldingsQueue } from "@/lib/carbonmark/portfolio/index-holdings-queue";
import { reconcileImportsQueue } from "@/lib/carbonmark/imports/reconcile-queue";
import { pruneRateLimitsQueue } from "@/lib/security/prune-rate-limits-queue";
import { userWebhookQueue } from "@/lib/carbonmark/user-webhooks/webhook-queue";
import { announceRetirementQueue } from "@/lib/carbonmark/retirements/announce-retirement";

/** Every background queue of the app; the worker process handles them all. */
export const APP_QUEUES: TQueue[] = [
  webhookQueue,
  processRequestQueue,
  sweepRequestsQueue,
  syncRetirementsQueue,
  certificateQueue,
  icrMailQueue,
  cmMailQueue,
  indexHoldingsQueue,
  reconcileImportsQueue,
  pruneRateLimitsQueue,
  userWebhookQueue,
  announceRetirementQueue,
];

/** The queues whose jobs claim their worker (a dead worker's are retried at once: job-claims.ts). */
export const RECLAIMABLE_QUEUES = APP_QUEUES.filter((q) => q.reclaimIfWorkerDies).map((q) => q.name);
