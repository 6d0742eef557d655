// A retirement ICR has claimed is announced to its owner (the receipt e-mail, the `retirement.final`
// webhook event) once its burn is final on chain (docs/finality.md): ICR signs and issues the
// certificate only then, so neither says "complete" before. On a chain final at depth 0 that is at
// once; on Polygon the claim comes seconds before the `finalized` tag reaches the burn, and a job
// waits for it.
import { z } from "zod";
import { prisma, type TTx } from "@/lib/db";
import type { CmRetirement } from "@/lib/generated/prisma/client";
import type { TQueue } from "@/lib/jobs/queue";
import { tryAgainLater } from "@/lib/jobs/try-again-later";
import { logger } from "@/lib/log/logger";
import { readRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import { queueRetirementReceipt } from "@/lib/carbonmark/mail/queue-receipt-mail";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { emitRetirementFinal } from "@/lib/carbonmark/user-webhooks/change-events";

export const ANNOUNCE_RETIREMENT_QUEUE = "cm-announce-retirement";
const OPTIONS = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 } as const;

/** Whether the retirement's burn is final on chain, by Carbonmark's own read (false when it cannot tell now). */
async function burnIsFinal(row: Pick<CmRetirement, "txHash" | "creditId">): Promise<boolean> {
  if (!row.txHash) return false;
  try {
    const chain = await readRetirementOnChain({
      txHash: row.txHash,
      tokenAddress: parseCreditId(row.creditId)!.tokenAddress,
    });
    return chain.found && chain.final;
  } catch {
    return false;
  }
}

/**
 * Marks the retirement final and queues the receipt e-mail and the `retirement.final` event, in
 * `db`'s transaction (each made once: keyed by the retirement). Returns the row as marked.
 */
async function announce(db: TTx, row: CmRetirement): Promise<CmRetirement> {
  const final = await db.cmRetirement.update({ where: { id: row.id }, data: { finalAt: row.finalAt ?? new Date() } });
  await queueRetirementReceipt(db, final);
  await emitRetirementFinal(db, final);
  return final;
}

/** Tries while the burn is not final (`tryAgainLater`: about an hour). */
const queueAnnounce = (db: TTx | undefined, retirementId: string, attempt: number) =>
  tryAgainLater({ name: ANNOUNCE_RETIREMENT_QUEUE, options: OPTIONS }, { retirementId }, attempt, db);

/**
 * Called in the transaction that records ICR's claim: announces the retirement now when its burn is
 * final, else queues a job (in the same transaction) that announces it once it is. Returns the row.
 */
export async function announceWhenFinal(db: TTx, row: CmRetirement): Promise<CmRetirement> {
  if (await burnIsFinal(row)) return announce(db, row);
  await queueAnnounce(db, row.id, 0);
  return row;
}

const ZJob = z.object({ retirementId: z.uuid(), attempt: z.number().int().min(0) });

export const announceRetirementQueue: TQueue = {
  name: ANNOUNCE_RETIREMENT_QUEUE,
  options: OPTIONS,
  workOptions: { batchSize: 10 },
  handler: async (jobs) => {
    for (const job of jobs) {
      const { retirementId, attempt } = ZJob.parse(job.data);
      const row = await prisma.cmRetirement.findUnique({ where: { id: retirementId } });
      if (!row?.icrRetirementId || row.finalAt) continue;
      if (await burnIsFinal(row)) {
        await prisma.$transaction(async (db) => {
          await announce(db, row);
        });
      } else if (!(await queueAnnounce(undefined, retirementId, attempt + 1))) {
        logger.warn({ retirementId }, "retirement not announced: its burn is still not final on chain");
      }
    }
  },
};
