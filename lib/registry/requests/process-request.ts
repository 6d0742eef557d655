// The worker's part of a request: pending_queue → pending_onchain (txId) → processed | failed.
// Exactly once, crash-safe: the signed transaction is stored before it is broadcast; a retry
// looks for that transaction on chain and resends the same bytes, or (if its nonce went to
// another transaction, so it can never be mined) signs afresh. Conditional updates make two
// workers on one request harmless.
import { Interface, type TransactionReceipt } from "ethers";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { withOperatorLock } from "@/lib/chain/operator-lock";
import { broadcastSigned, nextOperatorNonce, signOperatorCall, simulateOperatorCall } from "@/lib/chain/operator-tx";
import { provider } from "@/lib/chain/provider";
import { toBaseUnits } from "@/lib/amount";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { invalidateBalances } from "@/lib/registry/inventory/chain-balances";
import { notifyRequestChange } from "@/lib/registry/requests/notify-request-change";
import { recordRequestRetirement } from "@/lib/registry/retirements/record-request-retirement";

const iface = new Interface(CARBON_CREDIT_ABI);
const RECEIPT_TIMEOUT_MS = 60_000;

/** Test hooks to simulate a crash at the worst moments. */
export type TProcessHooks = { afterPersist?: () => Promise<void> | void; afterBroadcast?: () => Promise<void> | void };

function callData(r: IcrCreditRequest): string {
  const units = toBaseUnits(r.amount.toFixed());
  if (r.action === "transfer") return iface.encodeFunctionData("safeTransferFrom", [r.fromAddress, r.toAddress, BigInt(r.tokenId), units, "0x"]);
  return iface.encodeFunctionData("retire", [r.fromAddress, BigInt(r.tokenId), units]);
}

async function changed(id: string): Promise<IcrCreditRequest> {
  const r = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id } });
  await notifyRequestChange(r);
  return r;
}

async function markFailed(r: IcrCreditRequest, from: "pending_queue" | "pending_onchain", reason: string) {
  const { count } = await prisma.icrCreditRequest.updateMany({ where: { id: r.id, state: from, txId: r.txId }, data: { state: "failed", failureReason: reason } });
  if (count) {
    logger.warn({ requestId: r.id, reason }, "request failed");
    await changed(r.id);
  }
}

async function signAndSend(r: IcrCreditRequest, hooks: TProcessHooks) {
  const data = callData(r);
  const refusal = await simulateOperatorCall({ to: r.tokenAddress, data });
  if (refusal) return markFailed(r, "pending_queue", refusal);
  const claimed = await withOperatorLock(async () => {
    const nonce = await nextOperatorNonce();
    const { signedTx, hash } = await signOperatorCall({ to: r.tokenAddress, data, nonce });
    const { count } = await prisma.icrCreditRequest.updateMany({
      where: { id: r.id, state: "pending_queue", signedTx: null },
      data: { signedTx, txId: hash, txNonce: nonce, state: "pending_onchain" },
    });
    if (!count) return false; // another worker took it
    await hooks.afterPersist?.();
    await broadcastSigned(signedTx).catch((err) => logger.warn({ err: String(err), requestId: r.id }, "broadcast failed; the retry resends"));
    return true;
  });
  if (claimed) {
    await hooks.afterBroadcast?.();
    await changed(r.id);
  }
}

/** Our stored transaction is unknown to the node: resend it, or sign afresh if its nonce was used by another. */
async function resendOrResign(r: IcrCreditRequest) {
  await withOperatorLock(async () => {
    const current = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } });
    if (current.state !== "pending_onchain" || current.signedTx !== r.signedTx || !r.txId) return;
    if (await provider().getTransaction(r.txId)) return;
    const nonce = await nextOperatorNonce();
    if (r.txNonce !== null && nonce <= r.txNonce) {
      await broadcastSigned(r.signedTx!);
      return;
    }
    // The nonce went to another transaction, so ours can never be mined: sign it again.
    const { signedTx, hash } = await signOperatorCall({ to: r.tokenAddress, data: callData(r), nonce });
    const { count } = await prisma.icrCreditRequest.updateMany({ where: { id: r.id, signedTx: r.signedTx }, data: { signedTx, txId: hash, txNonce: nonce } });
    if (count) await broadcastSigned(signedTx);
  });
}

async function finish(r: IcrCreditRequest, receipt: TransactionReceipt) {
  if (receipt.status !== 1) return markFailed(r, "pending_onchain", `The on-chain transaction ${receipt.hash} reverted`);
  await prisma.$transaction(async (db) => {
    const { count } = await db.icrCreditRequest.updateMany({ where: { id: r.id, state: "pending_onchain", txId: receipt.hash }, data: { state: "processed", signedTx: null } });
    if (count && r.action !== "transfer") await recordRequestRetirement(db, r, receipt);
  });
  invalidateBalances(r.organizationId);
  if (r.toOrganizationId) invalidateBalances(r.toOrganizationId);
  await changed(r.id);
}

/** Moves an accepted request forward until it is processed or failed. Safe to call any number of times, from any number of workers. */
export async function processRequest(requestId: string, hooks: TProcessHooks = {}): Promise<string> {
  for (let step = 0; step < 6; step++) {
    const r = await prisma.icrCreditRequest.findUnique({ where: { id: requestId } });
    if (!r) return "missing";
    if (r.state === "pending_queue") {
      await signAndSend(r, hooks);
      continue;
    }
    if (r.state !== "pending_onchain" || !r.txId) return r.state;
    const receipt = (await provider().getTransactionReceipt(r.txId)) ?? ((await provider().getTransaction(r.txId)) ? await provider().waitForTransaction(r.txId, 1, RECEIPT_TIMEOUT_MS) : null);
    if (receipt) await finish(r, receipt);
    else await resendOrResign(r);
  }
  const last = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } });
  if (last.state === "pending_queue" || last.state === "pending_onchain") throw new Error(`request ${requestId} still ${last.state}; will retry`);
  return last.state;
}
