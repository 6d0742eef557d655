// The worker's part of a request: pending_queue → pending_onchain (txId) → processed | failed.
// Exactly once, crash-safe: signed transactions are stored before they are broadcast (see
// send-requests.ts); a retry looks for the stored transaction on chain and resends the same
// bytes, or (if its nonce went to another transaction, so it can never be mined) signs afresh.
// Conditional updates make two workers on one request harmless.
import type { TransactionReceipt } from "ethers";
import { replayChainLog } from "@/lib/chain/replay-chain-log";
import { dropLogged, logSigned } from "@/lib/chain/tx-log";
import { waitForReceipt } from "@/lib/chain/wait-for-receipt";
import { withOperatorLock } from "@/lib/chain/operator-lock";
import { broadcastSigned, minedOperatorNonce, nextOperatorNonce, signOperatorCall } from "@/lib/chain/operator-tx";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import type { IcrRequestState } from "@/lib/generated/prisma/enums";
import { callData, finish, finishMany } from "@/lib/registry/requests/finish-request";
import { sendRequests, type TProcessHooks, type TSent } from "@/lib/registry/requests/send-requests";

export type { TProcessHooks } from "@/lib/registry/requests/send-requests";

/** A fresh batch's receipts; past this, the one-by-one recovery path takes over. */
const RECEIPT_TIMEOUT_MS = 20_000;
/** The recovery path never holds a queue worker long: a transaction not mined by then is retried later. */
const STUCK_WAIT_MS = 5_000;
const IN_FLIGHT: IcrRequestState[] = ["pending_queue", "pending_onchain"];

/**
 * Our stored transaction has no receipt. If its nonce is still free on chain, (re)send the same
 * bytes; if a mined transaction used its nonce, ours can never be mined: sign it afresh. The
 * mined count is read before the receipt, so "nonce used and no receipt" means used by another.
 */
async function resendOrResign(r: IcrCreditRequest) {
  await withOperatorLock(async () => {
    const current = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } });
    if (current.state !== "pending_onchain" || current.signedTx !== r.signedTx || !r.txId) return;
    const mined = await minedOperatorNonce();
    if (await provider().getTransactionReceipt(r.txId)) return;
    if (r.txNonce === null) {
      // A row stored without its nonce (older data): as before, re-sign only if the node has never heard of it.
      if (await provider().getTransaction(r.txId)) return;
    } else if (mined <= r.txNonce) {
      if (!(await provider().getTransaction(r.txId))) await broadcastSigned(r.signedTx!);
      return;
    }
    const nonce = await nextOperatorNonce();
    const { signedTx, hash } = await signOperatorCall({ to: r.tokenAddress, data: callData(r), nonce });
    const count = await prisma.$transaction(async (db) => {
      const { count } = await db.icrCreditRequest.updateMany({
        where: { id: r.id, signedTx: r.signedTx },
        data: { signedTx, txId: hash, txNonce: nonce },
      });
      if (count) {
        await dropLogged(db, r.txId!, "its nonce went to another transaction; signed afresh");
        await logSigned(db, [{ signedTx, purpose: `request-${r.action}`, ref: r.id }]);
      }
      return count;
    });
    if (count) await broadcastSigned(signedTx);
  });
}

/** One request, step by step from whatever state it is in (the recovery path). Returns its state. */
async function advance(requestId: string): Promise<string> {
  let replayed = false;
  for (let step = 0; step < 6; step++) {
    const r = await prisma.icrCreditRequest.findUnique({ where: { id: requestId } });
    if (!r) return "missing";
    if (r.state === "pending_queue") {
      await sendRequests([r.id]);
      continue;
    }
    if (r.state !== "pending_onchain" || !r.txId) return r.state;
    let receipt = await provider().getTransactionReceipt(r.txId);
    const isKnown = !receipt && !!(await provider().getTransaction(r.txId));
    if (isKnown) receipt = await waitForReceipt(r.txId, STUCK_WAIT_MS);
    if (receipt) await finish(r, receipt);
    else if (!isKnown) await resendOrResign(r);
    else if (!replayed) {
      // In the node but not mined: it waits behind a nonce gap (a chain that lost transactions). Fill it now.
      replayed = true;
      // A row stored before the chain log existed joins it, so the replay sees the gap below it.
      if (r.signedTx) await logSigned(prisma, [{ signedTx: r.signedTx, purpose: `request-${r.action}`, ref: r.id }]);
      await replayChainLog({ reason: `request ${r.id} waits behind a nonce gap` });
    } else break; // the job is retried later; the queue worker is not held
  }
  const last = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } });
  if (IN_FLIGHT.includes(last.state)) throw new Error(`request ${requestId} still ${last.state}; will retry`);
  return last.state;
}

/** Receipts of transactions just broadcast in nonce order from one sender: once the last is mined, every earlier one is. */
async function receiptsOf(sent: TSent[]): Promise<Map<string, TransactionReceipt>> {
  const out = new Map<string, TransactionReceipt>();
  await waitForReceipt(sent.reduce((a, b) => (b.nonce > a.nonce ? b : a)).hash, RECEIPT_TIMEOUT_MS);
  const receipts = await Promise.all(sent.map((s) => provider().getTransactionReceipt(s.hash)));
  receipts.forEach((receipt, i) => receipt && out.set(sent[i].r.id, receipt));
  return out;
}

/**
 * Processes many accepted requests as a pipeline: one locked send of the whole batch, receipts
 * awaited together, finished together. Anything off the fast path (a crash left it in flight, a
 * broadcast failed, no receipt) goes through the one-by-one recovery path. Throws when a request
 * is still in flight at the end (the job is retried; finished requests are skipped then).
 */
export async function processRequests(requestIds: string[], hooks: TProcessHooks = {}): Promise<void> {
  const sent = await sendRequests(requestIds, hooks);
  const fast = sent.every((s) => s.isBroadcast) && sent.length ? sent : [];
  const receipts = fast.length ? await receiptsOf(fast) : new Map<string, TransactionReceipt>();
  await finishMany(fast.filter((s) => receipts.has(s.r.id)).map((s) => ({ r: s.r, receipt: receipts.get(s.r.id)! })));
  const rest = await prisma.icrCreditRequest.findMany({
    where: { id: { in: requestIds }, state: { in: IN_FLIGHT } },
    orderBy: { txNonce: "asc" },
    select: { id: true },
  });
  const results = await Promise.allSettled(rest.map((r) => advance(r.id)));
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/** Moves an accepted request forward until it is processed or failed. Safe to call any number of times, from any number of workers. */
export async function processRequest(requestId: string, hooks: TProcessHooks = {}): Promise<string> {
  await processRequests([requestId], hooks);
  const last = await prisma.icrCreditRequest.findUnique({ where: { id: requestId } });
  return last?.state ?? "missing";
}
