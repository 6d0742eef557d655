import type { TQueue } from "@/lib/jobs/queues";
import { syncRetirements } from "@/lib/registry/retirements/sync-retirements";

// Every minute the worker indexes new on-chain retirements (reads also sync on demand).
export const syncRetirementsQueue: TQueue = {
  name: "icr-sync-retirements",
  options: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
  handler: async () => syncRetirements(),
};
