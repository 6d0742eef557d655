import { prisma } from "@/lib/db";
import { statesBefore } from "@/lib/carbonmark/imports/import-state";
import type { TIcrTransaction } from "@/lib/icr/schemas";
import { notifyLive } from "@/lib/live/notify";

/** Applies ICR's view of a request to the matching import (webhook or poll); never moves a state back. */
export async function applyIcrTransaction(tx: Pick<TIcrTransaction, "id" | "state" | "txId"> & { failureReason?: string | null }) {
  const result = await prisma.cmImport.updateMany({
    where: { icrTransactionId: tx.id, state: { in: statesBefore(tx.state) } },
    data: { state: tx.state, ...(tx.txId ? { txId: tx.txId } : {}), ...(tx.state === "failed" && tx.failureReason ? { lastError: tx.failureReason } : {}) },
  });
  if (tx.txId) await prisma.cmImport.updateMany({ where: { icrTransactionId: tx.id, txId: null }, data: { txId: tx.txId } });
  if (result.count > 0) {
    const owners = await prisma.cmImport.findMany({ where: { icrTransactionId: tx.id }, select: { userId: true }, distinct: ["userId"] });
    await notifyLive(prisma, owners.map((o) => ({ topic: "portfolio" as const, userId: o.userId })));
  }
  return { updated: result.count };
}
