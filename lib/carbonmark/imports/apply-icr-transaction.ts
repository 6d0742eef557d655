import { prisma } from "@/lib/db";
import { statesBefore } from "@/lib/carbonmark/imports/import-state";
import { queueImportMail } from "@/lib/carbonmark/mail/queue-import-mail";
import type { TIcrTransaction } from "@/lib/icr/schemas";
import { notifyHoldingsChanged } from "@/lib/live/notify";

/**
 * Applies ICR's view of a request to the matching import (webhook or poll); never moves a state
 * back. The user's mail about the new state is queued in the same transaction, so it exists if
 * and only if the state change does (a repeated webhook or poll moves nothing and mails nothing).
 */
export async function applyIcrTransaction(
  tx: Pick<TIcrTransaction, "id" | "state" | "txId"> & { failureReason?: string | null },
) {
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
      for (const imp of moved) await queueImportMail(db, imp);
      // The owners' open portfolio pages hear of it once the transaction commits (nothing for a rollback).
      if (moved.length) await notifyHoldingsChanged(db, [...new Set(moved.map((m) => m.userId))]);
      return { updated: moved.length };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}
