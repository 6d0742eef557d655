// The end of a `moveBatch` transaction's requests (move-batch.ts), once its receipt is in:
// - mined: each move the contract made is `processed`; each it left out (`MoveSkipped` names its
//   index) is `failed` with the reason the move would be refused now;
// - reverted whole (a receiver contract refused its credits, or the gas ran out): nothing moved, so
//   its requests go back to `pending_queue` allowed in batches half as large, and are sent again;
//   one bad move ends alone in a batch of one and fails with the contract's reason. The others go through.
// Every update is conditional on the request still carrying this transaction, so a second worker
// settling the same receipt changes nothing.
import type { TransactionReceipt } from "ethers";
import { simulateOperatorCall } from "@/lib/chain/operator-tx";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { callData, finishMany, markFailed, revertReason } from "@/lib/registry/requests/finish-request";
import { skippedMoves } from "@/lib/registry/requests/move-batch";

export type TBatchOutcome = { moved: IcrCreditRequest[]; skipped: IcrCreditRequest[]; reverted: boolean };

/** Which of a mined batch's requests moved (its rows, as stored with their `batchIndex`). */
export function batchOutcome(rows: IcrCreditRequest[], receipt: TransactionReceipt): TBatchOutcome {
  if (receipt.status !== 1) return { moved: [], skipped: [], reverted: true };
  const skipped = skippedMoves(receipt, rows[0].tokenAddress);
  return {
    moved: rows.filter((r) => !skipped.has(r.batchIndex!)),
    skipped: rows.filter((r) => skipped.has(r.batchIndex!)),
    reverted: false,
  };
}

/** A move the batch left out: failed, with the contract's refusal of that one move now. */
export async function failSkipped(r: IcrCreditRequest, hash: string): Promise<void> {
  const refusal = await simulateOperatorCall({ to: r.tokenAddress, data: await callData(r) });
  const why = refusal ?? "the organization's address did not hold this credit on chain when it was mined";
  await markFailed(r, "pending_onchain", `The registry's batch transaction ${hash} left this move out: ${why}`);
}

/** A batch that reverted whole: one request fails with the reason; more go back to the queue, at most half as many per batch. */
export async function splitReverted(rows: IcrCreditRequest[], hash: string): Promise<void> {
  if (rows.length === 1) return markFailed(rows[0], "pending_onchain", await revertReason(rows[0], hash));
  const limit = Math.ceil(rows.length / 2);
  const { count } = await prisma.icrCreditRequest.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, state: "pending_onchain", txId: hash },
    data: {
      state: "pending_queue",
      txId: null,
      txNonce: null,
      batchIndex: null,
      signedTx: null,
      batchLimit: limit,
    },
  });
  if (count)
    logger.warn(
      { hash, requests: count, limit },
      "a move batch reverted whole; its requests are sent again in smaller batches",
    );
}

/** Settles a batch's requests from its receipt. */
export async function settleBatch(rows: IcrCreditRequest[], receipt: TransactionReceipt): Promise<void> {
  if (!rows.length) return; // another worker settled it
  const outcome = batchOutcome(rows, receipt);
  if (outcome.reverted) return splitReverted(rows, receipt.hash);
  await finishMany(outcome.moved.map((r) => ({ r, receipt })));
  await Promise.all(outcome.skipped.map((r) => failSkipped(r, receipt.hash)));
}

/** The requests a batch transaction still carries, in batch order. */
export function batchRows(hash: string): Promise<IcrCreditRequest[]> {
  return prisma.icrCreditRequest.findMany({
    where: { txId: hash, state: "pending_onchain", batchIndex: { not: null } },
    orderBy: { batchIndex: "asc" },
  });
}
