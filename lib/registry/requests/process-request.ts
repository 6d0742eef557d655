// The worker's part of a request: pending_queue → pending_onchain (txId) → processed | failed.
// Exactly once, crash-safe: signed transactions are stored before they are broadcast (see
// send-requests.ts); a retry looks for the stored transaction on chain and resends the same
// bytes, or (if its nonce went to another transaction, so it can never be mined) signs afresh.
// A `moveBatch` transaction is handled as one: its requests share its hash, its bytes are in the
// chain log, and it is resent, signed afresh or settled for all of them together (finish-batch.ts).
// Conditional updates make two workers on one request harmless.
import type { TransactionReceipt } from "ethers";
import { bumpStuckFee, minedSignature } from "@/lib/chain/fee-bump";
import { finalReceipts, waitForFinalReceipt, waitUntilFinal } from "@/lib/chain/final-receipt";
import { operatorWallet } from "@/lib/chain/operator";
import { replayChainLog } from "@/lib/chain/replay-chain-log";
import { dropLogged, logSigned } from "@/lib/chain/tx-log";
import { waitForReceipt } from "@/lib/chain/wait-for-receipt";
import { withOperatorLock } from "@/lib/chain/operator-lock";
import { broadcastSigned, minedOperatorNonce, nextOperatorNonce, signOperatorCall } from "@/lib/chain/operator-tx";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import type { ChainTx, IcrCreditRequest } from "@/lib/generated/prisma/client";
import type { IcrRequestState } from "@/lib/generated/prisma/enums";
import { callData, finish, finishMany } from "@/lib/registry/requests/finish-request";
import { batchOutcome, batchRows, failSkipped, settleBatch, splitReverted } from "@/lib/registry/requests/finish-batch";
import { BATCH_PURPOSE, moveBatchCall } from "@/lib/registry/requests/move-batch";
import { logger } from "@/lib/log/logger";
import { sendRequests, type TProcessHooks, type TSendTimings, type TSent } from "@/lib/registry/requests/send-requests";

export type { TProcessHooks } from "@/lib/registry/requests/send-requests";

/** A fresh batch's receipts; past this, the one-by-one recovery path takes over. */
const RECEIPT_TIMEOUT_MS = 20_000;
/** The recovery path never holds a queue worker long: a transaction not mined by then is retried later. */
const STUCK_WAIT_MS = 5_000;
/** How long a mined transaction is awaited to become final (Polygon: seconds) before the job is retried. */
const FINAL_WAIT_MS = 30_000;
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
      if (await provider().getTransaction(r.txId)) return;
      // A node that refuses a transaction priced under the base fee (anvil does; others keep it
      // pending, see replaceStuck): the same nonce at a higher fee, else the refusal stands.
      await broadcastSigned(r.signedTx!).catch(async (err) => {
        if (!(await bumpFee(r))) throw err;
      });
      return;
    } else {
      // An earlier signature of this nonce (before a fee bump) may be the one mined: follow it.
      const other = await minedSignature(operatorWallet().address, r.txNonce);
      if (other) {
        await prisma.icrCreditRequest.updateMany({
          where: { id: r.id, signedTx: r.signedTx },
          data: { signedTx: other.signedTx, txId: other.hash },
        });
        return;
      }
    }
    const nonce = await nextOperatorNonce();
    const { signedTx, hash } = await signOperatorCall({ to: r.tokenAddress, data: await callData(r), nonce });
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

/**
 * The transaction carrying `r` (alone, or a batch's) priced under the base fee: re-signed with the
 * same nonce at a higher fee, logged, and every request it carries moved to the new hash in the same
 * database transaction (a lone request, which keeps its own bytes, gets the new ones too). Its bytes
 * are the request's own, or the chain log's live row (a batch's). Call under the operator lock.
 */
async function bumpFee(r: IcrCreditRequest, logged?: ChainTx | null): Promise<boolean> {
  if (!r.txId) return false;
  const row = logged === undefined ? await prisma.chainTx.findUnique({ where: { hash: r.txId } }) : logged;
  const signedTx = r.signedTx ?? (row && !row.dropped ? row.signedTx : null);
  if (!signedTx) return false;
  const hash = await bumpStuckFee({
    signedTx,
    wallet: operatorWallet(),
    purpose: row?.purpose ?? `request-${r.action}`,
    ref: row?.ref ?? r.id,
    onReplace: async (db, next) =>
      (await db.$executeRaw`
        UPDATE "icr_credit_request"
        SET "txId" = ${next.hash}, "signedTx" = CASE WHEN "signedTx" IS NULL THEN NULL ELSE ${next.signedTx} END,
          "updatedAt" = (now() AT TIME ZONE 'UTC')
        WHERE "txId" = ${r.txId} AND "state" = 'pending_onchain'`) > 0,
  });
  return hash !== undefined;
}

/** In the node's pool, not mined, priced under the base fee (a gas spike): replaced at a higher fee. */
function replaceStuck(r: IcrCreditRequest): Promise<boolean> {
  return withOperatorLock(() => bumpFee(r));
}

/**
 * The batch transaction carrying `r` has no receipt: as resendOrResign, for all its requests at
 * once. Its bytes are the chain log's; signed afresh, every request it carries moves to the new
 * hash in the same database transaction that logs it (all or none).
 */
async function resendOrResignBatch(r: IcrCreditRequest) {
  await withOperatorLock(async () => {
    const current = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } });
    if (current.state !== "pending_onchain" || current.txId !== r.txId || !r.txId || r.txNonce === null) return;
    const mined = await minedOperatorNonce();
    if (await provider().getTransactionReceipt(r.txId)) return;
    const logged = await prisma.chainTx.findUnique({ where: { hash: r.txId } });
    if (mined <= r.txNonce && logged && !logged.dropped) {
      if (await provider().getTransaction(r.txId)) return;
      // Refused (priced under the base fee): the same nonce at a higher fee, else the refusal stands.
      await broadcastSigned(logged.signedTx).catch(async (err) => {
        if (!(await bumpFee(r, logged))) throw err;
      });
      return;
    }
    if (mined > r.txNonce) {
      // An earlier signature of this nonce (before a fee bump) may be the one mined: follow it.
      const other = await minedSignature(operatorWallet().address, r.txNonce);
      if (other) {
        await prisma.icrCreditRequest.updateMany({
          where: { txId: r.txId, state: "pending_onchain" },
          data: { txId: other.hash },
        });
        return;
      }
    }
    const rows = await batchRows(r.txId);
    if (!rows.length) return;
    const nonce = await nextOperatorNonce();
    const call = moveBatchCall(rows);
    const { signedTx, hash } = await signOperatorCall({ ...call, nonce });
    const count = await prisma.$transaction(async (db) => {
      const count = await db.$executeRaw`
        UPDATE "icr_credit_request" AS q SET "txId" = ${hash}, "txNonce" = ${nonce}, "batchIndex" = v.index
        FROM unnest(${rows.map((x) => x.id)}::uuid[], ${rows.map((_, i) => i)}::int[]) AS v(id, index)
        WHERE q."id" = v.id AND q."txId" = ${r.txId} AND q."state" = 'pending_onchain'`;
      if (count !== rows.length) throw new Error(`batch ${r.txId} changed while it was signed afresh`);
      await dropLogged(db, r.txId!, "its nonce went to another transaction; signed afresh");
      await logSigned(db, [{ signedTx, purpose: BATCH_PURPOSE, ref: rows[0].id }]);
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
    const isBatch = r.batchIndex !== null;
    if (receipt) {
      // Processed means final: a reorg before then drops it (next step: resent) or keeps it waiting.
      const final = await waitForFinalReceipt(r.txId, FINAL_WAIT_MS);
      if (final) await (isBatch ? settleBatch(await batchRows(r.txId), final) : finish(r, final));
      else if (await provider().getTransactionReceipt(r.txId)) break; // mined, not final yet: retried later
    } else if (!isKnown) await (isBatch ? resendOrResignBatch(r) : resendOrResign(r));
    else if (await replaceStuck(r)) continue;
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
  const last = sent.reduce((a, b) => (b.nonce > a.nonce ? b : a)).hash;
  const mined = await waitForReceipt(last, RECEIPT_TIMEOUT_MS);
  // Until its block is final (at once on an instant chain); a reorg that moved it is seen below.
  if (mined) await waitUntilFinal(mined.blockNumber, FINAL_WAIT_MS);
  // Only final receipts, read afresh: what is mined but not final yet (or dropped or moved by a
  // reorg) takes the recovery path.
  const receipts = await finalReceipts(sent.map((s) => s.hash));
  for (const s of sent) if (receipts.has(s.hash)) out.set(s.hash, receipts.get(s.hash)!);
  return out;
}

/**
 * Settles what was just sent: every request moved (by its own transaction or a batch's move) in
 * one update, moves a batch left out failed one by one, batches that reverted whole split back
 * into the queue. Returns whether any batch was split (its requests wait to be sent again).
 */
async function settle(sent: TSent[], receipts: Map<string, TransactionReceipt>): Promise<boolean> {
  const mined: { r: IcrCreditRequest; receipt: TransactionReceipt }[] = [];
  const skipped: { r: IcrCreditRequest; hash: string }[] = [];
  const reverted: TSent[] = [];
  for (const s of sent) {
    const receipt = receipts.get(s.hash);
    if (!receipt) continue;
    if (!s.isBatch) {
      mined.push({ r: s.rows[0], receipt });
      continue;
    }
    const outcome = batchOutcome(s.rows, receipt);
    if (outcome.reverted) reverted.push(s);
    mined.push(...outcome.moved.map((r) => ({ r, receipt })));
    skipped.push(...outcome.skipped.map((r) => ({ r, hash: s.hash })));
  }
  await finishMany(mined);
  await Promise.all(skipped.map((x) => failSkipped(x.r, x.hash)));
  for (const s of reverted) await splitReverted(s.rows, s.hash);
  return reverted.length > 0;
}

/** The fast path: send, await the receipts together, settle; again while batches split (each time half as large). */
async function sendAndSettle(requestIds: string[], hooks: TProcessHooks): Promise<void> {
  const timings: TSendTimings & { receipts: number; settle: number } = {
    lockWait: 0,
    prepare: 0,
    sign: 0,
    persist: 0,
    broadcast: 0,
    receipts: 0,
    settle: 0,
  };
  let transactions = 0;
  try {
    for (let round = 0; round < 12; round++) {
      const sent = await sendRequests(requestIds, round ? {} : hooks, timings);
      transactions += sent.length;
      if (!sent.length || !sent.every((s) => s.isBroadcast)) return;
      let t = performance.now();
      const receipts = await receiptsOf(sent);
      timings.receipts += performance.now() - t;
      t = performance.now();
      const split = await settle(sent, receipts);
      timings.settle += performance.now() - t;
      if (!split) return;
    }
  } finally {
    if (transactions)
      logger.info(
        {
          requests: requestIds.length,
          transactions,
          ms: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
        },
        "sent and settled a batch of requests",
      );
  }
}

/**
 * Processes many accepted requests as a pipeline: one locked send of the whole batch, receipts
 * awaited together, finished together. Anything off the fast path (a crash left it in flight, a
 * broadcast failed, no receipt) goes through the one-by-one recovery path, once per transaction
 * (a batch's requests together). Throws when a request is still in flight at the end (the job is
 * retried; finished requests are skipped then).
 */
export async function processRequests(requestIds: string[], hooks: TProcessHooks = {}): Promise<void> {
  await sendAndSettle(requestIds, hooks);
  for (let pass = 0; pass < 3; pass++) {
    const rest = await prisma.icrCreditRequest.findMany({
      where: { id: { in: requestIds }, state: { in: IN_FLIGHT } },
      orderBy: [{ txNonce: "asc" }, { batchIndex: "asc" }],
      select: { id: true, state: true, txId: true, batchIndex: true },
    });
    if (!rest.length) return;
    // Requests a split batch put back in the queue are sent again together, not one by one.
    if (pass && rest.some((r) => r.state === "pending_queue")) await sendAndSettle(requestIds, {});
    const perTx = new Map<string, string>();
    for (const r of rest) perTx.set(r.batchIndex !== null && r.txId ? r.txId : r.id, r.id);
    const results = await Promise.allSettled([...perTx.values()].map((id) => advance(id)));
    const failed = results.find((x) => x.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }
  const left = await prisma.icrCreditRequest.count({ where: { id: { in: requestIds }, state: { in: IN_FLIGHT } } });
  if (left) throw new Error(`${left} requests of this batch still in flight; will retry`);
}

/** Moves an accepted request forward until it is processed or failed. Safe to call any number of times, from any number of workers. */
export async function processRequest(requestId: string, hooks: TProcessHooks = {}): Promise<string> {
  await processRequests([requestId], hooks);
  const last = await prisma.icrCreditRequest.findUnique({ where: { id: requestId } });
  return last?.state ?? "missing";
}
