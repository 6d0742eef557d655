import { prisma } from "@/lib/db";
import { statesBefore } from "@/lib/carbonmark/imports/import-state";
import { queueImportMail } from "@/lib/carbonmark/mail/queue-import-mail";
import { emitImportEvent } from "@/lib/carbonmark/user-webhooks/change-events";
import type { TIcrTransaction } from "@/lib/icr/schemas";
import { notifyHoldingsChanged } from "@/lib/live/notify";
import { logger } from "@/lib/log/logger";
import { readHolding, storeHolding, type THoldingRead } from "@/lib/carbonmark/portfolio/index-holdings";

/**
 * Applies ICR's view of a request to the matching import (webhook or poll); never moves a state
 * back. The user's mail and webhook event about the new state are queued in the same transaction, so they exist if
 * and only if the state change does (a repeated webhook or poll moves nothing and mails nothing).
 */
export async function applyIcrTransaction(
  tx: Pick<TIcrTransaction, "id" | "state" | "txId"> & { failureReason?: string | null },
) {
  const arriving =
    tx.state === "processed" ? await readArrivingHoldings(tx.id) : new Map<string, THoldingRead | null>();
  return prisma.$transaction(
    async (db) => {
      const moved = await db.cmImport.updateManyAndReturn({
        where: { icrTransactionId: tx.id, state: { in: statesBefore(tx.state) } },
        data: {
          state: tx.state,
          ...(tx.txId ? { txId: tx.txId } : {}),
          ...(tx.state === "failed" && tx.failureReason ? { lastError: tx.failureReason } : {}),
        },
      });
      if (tx.txId)
        await db.cmImport.updateMany({ where: { icrTransactionId: tx.id, txId: null }, data: { txId: tx.txId } });
      for (const imp of moved) {
        await queueImportMail(db, imp);
        await emitImportEvent(db, imp);
      }
      // A transfer just processed: its credits are on chain now. Their balance (read before this
      // transaction, so no connection waits on the chain) is stored in this commit, so the page hears
      // of the new state and the new holding at once and reads once (the indexer's next pass would
      // find them too, a moment later, with a second announcement). ICR says processed only once the
      // transfer is final, so with the balance read after it the import has arrived; the indexer may
      // have read that block before the import knew its txId.
      for (const imp of moved.filter((m) => m.state === "processed" && m.action === "transfer")) {
        if (!arriving.has(imp.id)) continue; // not read now: the indexer marks it arrived
        const holding = arriving.get(imp.id);
        if (holding) await storeHolding(db, holding);
        await db.cmImport.updateMany({ where: { id: imp.id, arrivedAt: null }, data: { arrivedAt: new Date() } });
      }
      // The owners' open portfolio pages hear of it once the transaction commits (nothing for a rollback).
      if (moved.length) await notifyHoldingsChanged(db, [...new Set(moved.map((m) => m.userId))]);
      return { updated: moved.length };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}

/**
 * The holdings that the imports of ICR request `icrTransactionId` bring, read now from the chain (by
 * import id; null: not a credit the wallet follows, nothing to store). An import whose holding cannot be
 * read now is left out: the indexer marks it arrived.
 */
async function readArrivingHoldings(icrTransactionId: string): Promise<Map<string, THoldingRead | null>> {
  const imports = await prisma.cmImport.findMany({
    where: { icrTransactionId, action: "transfer", state: { in: statesBefore("processed") } },
    select: { id: true, userId: true, toAddress: true, creditId: true },
  });
  const read = new Map<string, THoldingRead | null>();
  for (const imp of imports) {
    try {
      read.set(imp.id, await readHolding({ userId: imp.userId, address: imp.toAddress, creditId: imp.creditId }));
    } catch (err) {
      logger.warn({ err: String(err), importId: imp.id }, "arrived holding not read now; the indexer will");
    }
  }
  return read;
}
