import type PgBoss from "pg-boss";
import { z } from "zod";
import type { TDb } from "@/lib/db";
import { bossWithQueue } from "@/lib/jobs/boss";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";
import type { TQueue } from "@/lib/jobs/queue";
import { tryAgainLater } from "@/lib/jobs/try-again-later";
import { logger } from "@/lib/log/logger";
import { storeCertificate, TransactionNotFinalYet } from "@/lib/registry/retirements/store-certificate";

export const CERTIFICATE_QUEUE = "icr-store-certificate";
const OPTIONS = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 } as const;

/**
 * Queues rendering the certificate of a retirement whose details have just been finalized, in the
 * transaction that finalizes them (the job exists if and only if that commits). The worker renders
 * it once its transaction is final too, trying again until then (`waitForChain`), so no visitor's
 * download waits for it and no web process spends its event loop on it. The job id is the
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

const ZJob = z.object({ retirementId: z.uuid(), attempt: z.number().int().min(0).optional() });

/**
 * A retirement claimed before its transaction is final (Polygon: seconds; a deeper configured depth:
 * minutes) is tried again later (`tryAgainLater`, about an hour); a burn a reorg took away is never
 * final, so its job ends there without a certificate. Past that the minutely sweep
 * (retirements-queue.ts) still stores it once it is final.
 */
async function waitForChain(job: z.infer<typeof ZJob>, err: TransactionNotFinalYet): Promise<void> {
  // A new job (the running one still holds the retirement's id), due after the delay.
  const attempt = (job.attempt ?? 0) + 1;
  if (await tryAgainLater({ name: CERTIFICATE_QUEUE, options: OPTIONS }, { retirementId: job.retirementId }, attempt))
    return;
  logger.warn(
    { retirementId: job.retirementId, attempts: attempt, reason: err.message },
    "retirement certificate: the transaction is still not final; the minutely sweep stores it once it is",
  );
}

export const certificateQueue: TQueue = {
  name: CERTIFICATE_QUEUE,
  options: OPTIONS,
  workOptions: { batchSize: 10 },
  handler: async (jobs) => {
    for (const job of jobs) {
      const data = ZJob.parse(job.data);
      try {
        await storeCertificate(data.retirementId);
      } catch (err) {
        if (!(err instanceof TransactionNotFinalYet)) throw err;
        await waitForChain(data, err);
      }
    }
  },
};
