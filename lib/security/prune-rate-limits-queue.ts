import type { TQueue } from "@/lib/jobs/queue";
import { pruneRateLimits } from "@/lib/security/prune-rate-limits";

export const PRUNE_RATE_LIMITS_QUEUE = "prune-rate-limits";

/** Every 10 minutes (once across all workers): expired rows of cm_rate_limit and icr_rate_limit go. */
export const pruneRateLimitsQueue: TQueue = {
  name: PRUNE_RATE_LIMITS_QUEUE,
  options: { retryLimit: 0, expireInSeconds: 300 },
  schedule: "*/10 * * * *",
  handler: async () => pruneRateLimits(),
};
