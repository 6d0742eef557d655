import { prisma } from "@/lib/db";
import { statesBefore } from "@/lib/carbonmark/imports/import-state";
import type { TIcrTransaction } from "@/lib/icr/schemas";

/** Applies ICR's view of a request to the matching import (webhook or poll); never moves a state back. */
export async function applyIcrTransaction(tx: Pick<TIcrTransaction, "id" | "state" | "txId"> & { failureReason?: string | null }) {
  const result = await prisma.cmImport.updateMany({
    where: { icrTransactionId: tx.id, state: { in: statesBefore(tx.state) } },
    data: { state: tx.state, ...(tx.txId ? { txId: tx.txId } : {}), ...(tx.state === "failed" && tx.failureReason ? { lastError: tx.failureReason } : {}) },
  });
  if (tx.txId) await prisma.cmImport.updateMany({ where: { icrTransactionId: tx.id, txId: null }, data: { txId: tx.txId } });
  return { updated: result.count };
}
