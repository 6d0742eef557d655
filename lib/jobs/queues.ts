import type PgBoss from "pg-boss";
import { webhookQueue } from "@/lib/registry/webhooks/webhook-queue";

export type TQueue = {
  name: string;
  options?: Omit<PgBoss.Queue, "name">;
  workOptions?: PgBoss.WorkOptions;
  handler: (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>;
};

/** Every background queue of the app; the worker process handles them all. */
export const QUEUES: TQueue[] = [webhookQueue];
