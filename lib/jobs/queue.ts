// A background queue: its pg-boss options and its handler. lib/jobs runs any list of them
// (start-jobs.ts); the list of the app's queues is composed where the worker starts (lib/worker/queues.ts).
import type PgBoss from "pg-boss";

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
