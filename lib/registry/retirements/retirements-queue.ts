import type { TQueue } from "@/lib/jobs/queue";
import { storeMissingCertificates } from "@/lib/registry/retirements/store-certificate";
import { syncRetirements } from "@/lib/registry/retirements/sync-retirements";

// Every minute the worker indexes new on-chain retirements (reads also sync on demand) and stores
// the certificates final retirements still lack (older ones, or a certificate job that gave up).
export const syncRetirementsQueue: TQueue = {
  name: "icr-sync-retirements",
  options: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
  handler: async () => {
    await syncRetirements();
    await storeMissingCertificates();
  },
};
