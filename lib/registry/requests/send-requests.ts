// Sends a batch of accepted requests as one pipeline. Before the operator lock: read them, check
// the chain holds what they move, group the transfers into `moveBatch` transactions (move-batch.ts;
// one transaction per request for retirements and for contracts before version 2) and encode the
// calls. Under it: check they are still unclaimed, give the transactions consecutive nonces, sign
// them, and store them in two groups: the first chunk (a full batch, or up to 10 single
// transactions) then all the rest, each group's signed transactions and which requests each
// carries in ONE database transaction (all or none, so a nonce gap can never be persisted), each
// group broadcast in nonce order once stored (the node executes the first while the rest is
// stored). A crash after a commit leaves its requests `pending_onchain` with their bytes (recovery
// resends) and the later group's requests unclaimed in `pending_queue` (the retry sends them).
import { operatorWallet } from "@/lib/chain/operator";
import { withOperatorLock } from "@/lib/chain/operator-lock";
import { broadcastSigned, nextOperatorNonce, signOperatorCall } from "@/lib/chain/operator-tx";
import { logSigned } from "@/lib/chain/tx-log";
import { toBaseUnits } from "@/lib/amount";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { balanceKey, readBalances } from "@/lib/registry/inventory/chain-balances";
import { callData, markFailed } from "@/lib/registry/requests/finish-request";
import { BATCH_PURPOSE, isBatched, MAX_MOVES, moveBatchCall, planBatches } from "@/lib/registry/requests/move-batch";

/** Test hooks to simulate a crash at the worst moments, or another worker between preparing and taking the lock. */
export type TProcessHooks = {
  afterPrepare?: () => Promise<void> | void;
  afterPersist?: () => Promise<void> | void;
  afterBroadcast?: () => Promise<void> | void;
};
/** Where a pipeline's time went, in ms (logged once per pipeline by process-request.ts). */
export type TSendTimings = { lockWait: number; prepare: number; sign: number; persist: number; broadcast: number };
/** One transaction sent: the requests it carries (in batch order when `isBatch`). */
export type TSent = { rows: IcrCreditRequest[]; isBatch: boolean; hash: string; nonce: number; isBroadcast: boolean };
type TSigned = { rows: IcrCreditRequest[]; isBatch: boolean; signedTx: string; hash: string; nonce: number };
type TCall = { rows: IcrCreditRequest[]; isBatch: boolean; to: string; data: string; gasLimit?: bigint };

const SHORT_BALANCE = "The organization's address holds less of this credit on chain than the request moves";

/**
 * Credits are reserved when a request is made, so a transfer cannot lack them unless the chain
 * changed behind the registry's back. One balanceOfBatch per batch checks that (instead of one
 * simulation per request); anything else that reverts is marked failed once its receipt is in.
 */
async function shortOfBalance(rows: IcrCreditRequest[]): Promise<Set<string>> {
  const addresses = [...new Set(rows.map((r) => r.fromAddress))];
  const tokens = [
    ...new Map(
      rows.map((r) => [`${r.tokenAddress}|${r.tokenId}`, { tokenAddress: r.tokenAddress, tokenId: r.tokenId }]),
    ).values(),
  ];
  const left = await readBalances(addresses, tokens);
  const short = new Set<string>();
  for (const r of rows) {
    const key = balanceKey(r.fromAddress, r.tokenAddress, r.tokenId);
    const units = toBaseUnits(r.amount.toFixed());
    const held = left.get(key) ?? 0n;
    if (units > held) short.add(r.id);
    else left.set(key, held - units);
  }
  return short;
}

/**
 * Stores the signed transactions and the requests each carries, or none: throws (rolling back)
 * unless each row was still unclaimed. A batch's bytes are stored once, in the chain log; its
 * requests hold its hash and their index in it.
 */
async function persistSigned(sent: TSigned[]) {
  const operator = operatorWallet().address;
  const moves = sent.flatMap((s) =>
    s.rows.map((r, i) => ({
      id: r.id,
      signed: s.isBatch ? null : s.signedTx,
      hash: s.hash,
      nonce: s.nonce,
      index: s.isBatch ? i : null,
    })),
  );
  await prisma.$transaction(async (db) => {
    const count = await db.$executeRaw`
      UPDATE "icr_credit_request" AS r
      SET "signedTx" = v.signed, "txId" = v.hash, "txNonce" = v.nonce, "batchIndex" = v.index, "state" = 'pending_onchain', "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM unnest(${moves.map((m) => m.id)}::uuid[], ${moves.map((m) => m.signed)}::text[], ${moves.map((m) => m.hash)}::text[], ${moves.map((m) => m.nonce)}::int[], ${moves.map((m) => m.index)}::int[]) AS v(id, signed, hash, nonce, index)
      WHERE r."id" = v.id AND r."state" = 'pending_queue' AND r."signedTx" IS NULL`;
    if (count !== moves.length)
      throw new Error(`claimed ${count} of ${moves.length} requests; another worker moved the rest`);
    // The chain log keeps them after the request is finished: a chain that loses them replays them.
    await logSigned(
      db,
      sent.map((s) => ({
        signedTx: s.signedTx,
        purpose: s.isBatch ? BATCH_PURPOSE : `request-${s.rows[0].action}`,
        ref: s.rows[0].id,
        described: { hash: s.hash, sender: operator, nonce: s.nonce },
      })),
    );
  });
}

const CHUNK = 10;

/**
 * The calls in the groups they are stored in, in order: the first chunk (a full move batch, or up
 * to CHUNK single transactions) alone, so the node starts executing it at once, then all the rest
 * in one database transaction (one commit instead of one per batch; the node meanwhile executes the first).
 */
function grouped(calls: TCall[]): TCall[][] {
  let moves = 0;
  let n = 0;
  while (n < calls.length && n < CHUNK && (n === 0 || moves + calls[n].rows.length <= MAX_MOVES))
    moves += calls[n++].rows.length;
  return [calls.slice(0, n), calls.slice(n)].filter((g) => g.length);
}

/** Sends one stored transaction; a failure is left to recovery, which resends the same bytes. */
async function broadcastOne({ rows, isBatch, signedTx, hash, nonce }: TSigned): Promise<TSent> {
  const isBroadcast = await broadcastSigned(signedTx).then(
    () => true,
    (err) => (
      logger.warn({ err: String(err), hash, requests: rows.length }, "broadcast failed; recovery resends"),
      false
    ),
  );
  const sentRows = rows.map((r, i) => ({
    ...r,
    state: "pending_onchain" as const,
    txId: hash,
    txNonce: nonce,
    signedTx: isBatch ? null : signedTx,
    batchIndex: isBatch ? i : null,
  }));
  return { rows: sentRows, isBatch, hash, nonce, isBroadcast };
}

/** The calls that send `rows`: a `moveBatch` per batch of transfers, one call per other request. */
async function callsFor(rows: IcrCreditRequest[]): Promise<TCall[]> {
  const batched: IcrCreditRequest[] = [];
  const calls: TCall[] = [];
  for (const r of rows)
    if (await isBatched(r)) batched.push(r);
    else calls.push({ rows: [r], isBatch: false, to: r.tokenAddress, data: await callData(r) });
  return [...planBatches(batched).map((b) => ({ rows: b, isBatch: true, ...moveBatchCall(b) })), ...calls];
}

/** The requests among `ids` no worker has claimed yet, oldest first. */
function claimable(ids: string[]): Promise<IcrCreditRequest[]> {
  return prisma.icrCreditRequest.findMany({
    where: { id: { in: ids }, state: "pending_queue", signedTx: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Everything that needs no nonce, done before taking the operator lock (so another worker's
 * sending never waits on it): read the requests, fail those the chain cannot move, group and
 * encode the calls.
 */
async function prepare(ids: string[]): Promise<{ rows: IcrCreditRequest[]; calls: TCall[] }> {
  const rows = await claimable(ids);
  if (!rows.length) return { rows, calls: [] };
  const short = await shortOfBalance(rows);
  for (const r of rows.filter((x) => short.has(x.id))) await markFailed(r, "pending_queue", SHORT_BALANCE);
  const todo = rows.filter((r) => !short.has(r.id));
  return { rows: todo, calls: await callsFor(todo) };
}

/** Signs and sends the accepted (`pending_queue`) requests among `ids`; returns what it broadcast. */
export async function sendRequests(
  ids: string[],
  hooks: TProcessHooks = {},
  timings: TSendTimings = { lockWait: 0, prepare: 0, sign: 0, persist: 0, broadcast: 0 },
): Promise<TSent[]> {
  let mark = performance.now();
  const lap = (key: keyof TSendTimings) => {
    const now = performance.now();
    timings[key] += now - mark;
    mark = now;
  };
  const prepared = await prepare(ids);
  lap("prepare");
  if (!prepared.calls.length) return [];
  await hooks.afterPrepare?.();
  const sent = await withOperatorLock(async () => {
    lap("lockWait");
    // Every claim is made under the lock: what is still unclaimed now stays so until this holder
    // is done. Another worker may have claimed some meanwhile (a retried job): plan the rest again.
    let calls = prepared.calls;
    const still = new Set(
      (
        await prisma.icrCreditRequest.findMany({
          where: { id: { in: prepared.rows.map((r) => r.id) }, state: "pending_queue", signedTx: null },
          select: { id: true },
        })
      ).map((r) => r.id),
    );
    if (prepared.rows.some((r) => !still.has(r.id)))
      calls = await callsFor(prepared.rows.filter((r) => still.has(r.id)));
    if (!calls.length) return [];
    const first = await nextOperatorNonce();
    lap("prepare");
    // In two groups (see grouped), so the node executes the first while the rest is signed and
    // stored. A group is stored (all or none) before any of it is sent; a failed group stops the
    // pipeline, so no stored transaction ever waits on a nonce below it that was not stored.
    const broadcasts: Promise<TSent>[] = [];
    let nonce = first;
    for (const [n, part] of grouped(calls).entries()) {
      const chunk: TSigned[] = [];
      for (const c of part) {
        const signed = await signOperatorCall({ to: c.to, data: c.data, nonce, gasLimit: c.gasLimit });
        chunk.push({ rows: c.rows, isBatch: c.isBatch, nonce: nonce++, ...signed });
      }
      lap("sign");
      try {
        await persistSigned(chunk);
        lap("persist");
      } catch (err) {
        await Promise.all(broadcasts); // earlier chunks are out; let them be answered before the lock goes
        throw err;
      }
      if (n === 0) await hooks.afterPersist?.();
      broadcasts.push(...chunk.map(broadcastOne));
    }
    // Every broadcast is answered before the lock goes, so the next holder's nonce counts them.
    const out = await Promise.all(broadcasts);
    lap("broadcast");
    return out;
  });
  await hooks.afterBroadcast?.();
  return sent;
}
