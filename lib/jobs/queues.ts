import type PgBoss from "pg-boss";
import { webhookQueue } from "@/lib/registry/webhooks/webhook-queue";
import { processRequestQueue, sweepRequestsQueue } from "@/lib/registry/requests/request-queue";
import { certificateQueue } from "@/lib/registry/retirements/certificate-queue";
import { syncRetirementsQueue } from "@/lib/registry/retirements/retirements-queue";
import { icrMailQueue } from "@/lib/registry/mail/mail-queue";
import { cmMailQueue } from "@/lib/carbonmark/mail/mail-queue";
import { indexHoldingsQueue } from "@/lib/carbonmark/portfolio/index-holdings-queue";
import { reconcileImportsQueue } from "@/lib/carbonmark/imports/reconcile-queue";
import { pruneRateLimitsQueue } from "@/lib/security/prune-rate-limits-queue";

export type TQueue = {
  name: string;
  options?: Omit<PgBoss.Queue, "name">;
  workOptions?: PgBoss.WorkOptions;
  /** workers per process polling this queue (default 1) */
  workers?: number;
  /** cron expression: pg-boss sends one job on this schedule (once across all workers) */
  schedule?: string;
  /** also send one job when a worker starts (a scheduled loop that must not wait for the first tick) */
  runAtStart?: boolean;
  /** workers fetch at once when a sender announces a job (`announceJobs`), not only at their next poll */
  wakeOnAnnounce?: boolean;
  /** a job whose worker dies is retried as soon as the worker's heartbeat goes stale, not at its expiry (job-claims.ts) */
  reclaimIfWorkerDies?: boolean;
  handler: (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>;
};

/** Every background queue of the app; the worker process handles them all. */
export const QUEUES: TQueue[] = [
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
];
