import type PgBoss from "pg-boss";
import { z } from "zod";
import type { TDb } from "@/lib/db";
import { bossWithQueue } from "@/lib/jobs/boss";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";
import type { TQueue } from "@/lib/jobs/queues";
import { storeCertificate } from "@/lib/registry/retirements/store-certificate";

export const CERTIFICATE_QUEUE = "icr-store-certificate";
const OPTIONS = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 } as const;

/**
 * Queues rendering the certificate of a retirement that has just become final, in the transaction
 * that makes it final (the job exists if and only if that commits). The worker renders it, so no
 * visitor's download waits for it and no web process spends its event loop on it. The job id is the
 * retirement id: queuing twice adds nothing.
 */
export async function enqueueCertificate(db: TDb, retirementId: string): Promise<void> {
  const b = await bossWithQueue(CERTIFICATE_QUEUE, OPTIONS);
  await b.send(CERTIFICATE_QUEUE, { retirementId }, {
    ...OPTIONS,
    id: retirementId,
    db: jobsInTransaction(db),
  } as PgBoss.SendOptions);
}

const ZJob = z.object({ retirementId: z.uuid() });

export const certificateQueue: TQueue = {
  name: CERTIFICATE_QUEUE,
  options: OPTIONS,
  workOptions: { batchSize: 10 },
  handler: async (jobs) => {
    for (const job of jobs) await storeCertificate(ZJob.parse(job.data).retirementId);
  },
};
