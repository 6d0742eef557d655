// Sends a batch of accepted requests as one pipeline under the operator lock: claim them, give
// them consecutive nonces, sign them all, store every signed transaction in ONE database
// transaction (all or none, so a nonce gap can never be persisted), then broadcast them in nonce
// order. A crash after the commit leaves them `pending_onchain` with their bytes; recovery resends.
import { withOperatorLock } from "@/lib/chain/operator-lock";
import { broadcastSigned, nextOperatorNonce, signOperatorCall } from "@/lib/chain/operator-tx";
import { logSigned } from "@/lib/chain/tx-log";
import { toBaseUnits } from "@/lib/amount";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { balanceKey, readBalances } from "@/lib/registry/inventory/chain-balances";
import { callData, markFailed } from "@/lib/registry/requests/finish-request";

/** Test hooks to simulate a crash at the worst moments. */
export type TProcessHooks = { afterPersist?: () => Promise<void> | void; afterBroadcast?: () => Promise<void> | void };
export type TSent = { r: IcrCreditRequest; hash: string; nonce: number; isBroadcast: boolean };

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

/** Stores the signed transactions of every row, or none: throws (rolling back) unless each row was still unclaimed. */
async function persistSigned(sent: { r: IcrCreditRequest; signedTx: string; hash: string; nonce: number }[]) {
  await prisma.$transaction(async (db) => {
    const count = await db.$executeRaw`
      UPDATE "icr_credit_request" AS r
      SET "signedTx" = v.signed, "txId" = v.hash, "txNonce" = v.nonce, "state" = 'pending_onchain', "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM unnest(${sent.map((s) => s.r.id)}::uuid[], ${sent.map((s) => s.signedTx)}::text[], ${sent.map((s) => s.hash)}::text[], ${sent.map((s) => s.nonce)}::int[]) AS v(id, signed, hash, nonce)
      WHERE r."id" = v.id AND r."state" = 'pending_queue' AND r."signedTx" IS NULL`;
    if (count !== sent.length)
      throw new Error(`claimed ${count} of ${sent.length} requests; another worker moved the rest`);
    // The chain log keeps them after the request is finished: a chain that loses them replays them.
    await logSigned(
      db,
      sent.map((s) => ({ signedTx: s.signedTx, purpose: `request-${s.r.action}`, ref: s.r.id })),
    );
  });
}

const CHUNK = 10;

/** Sends one stored transaction; a failure is left to recovery, which resends the same bytes. */
async function broadcastOne({
  r,
  signedTx,
  hash,
  nonce,
}: {
  r: IcrCreditRequest;
  signedTx: string;
  hash: string;
  nonce: number;
}): Promise<TSent> {
  const isBroadcast = await broadcastSigned(signedTx).then(
    () => true,
    (err) => (logger.warn({ err: String(err), requestId: r.id }, "broadcast failed; recovery resends"), false),
  );
  return { r: { ...r, state: "pending_onchain", txId: hash, txNonce: nonce, signedTx }, hash, nonce, isBroadcast };
}

/** Signs and sends the accepted (`pending_queue`) requests among `ids`; returns what it broadcast. */
export async function sendRequests(ids: string[], hooks: TProcessHooks = {}): Promise<TSent[]> {
  const sent = await withOperatorLock(async () => {
    // Read under the lock: every signer holds it, so no other worker can claim these rows meanwhile.
    const rows = await prisma.icrCreditRequest.findMany({
      where: { id: { in: ids }, state: "pending_queue", signedTx: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    if (!rows.length) return [];
    const short = await shortOfBalance(rows);
    for (const r of rows.filter((x) => short.has(x.id))) await markFailed(r, "pending_queue", SHORT_BALANCE);
    const todo = rows.filter((r) => !short.has(r.id));
    if (!todo.length) return [];
    const first = await nextOperatorNonce();
    // In chunks, so signing the next chunk overlaps the node taking the last. A chunk is stored
    // (all or none) before any of it is sent; a failed chunk stops the batch, so no stored
    // transaction ever waits on a nonce below it that was not stored.
    const broadcasts: Promise<TSent>[] = [];
    for (let start = 0; start < todo.length; start += CHUNK) {
      const chunk: { r: IcrCreditRequest; signedTx: string; hash: string; nonce: number }[] = [];
      for (const [i, r] of todo.slice(start, start + CHUNK).entries()) {
        const nonce = first + start + i;
        chunk.push({ r, nonce, ...(await signOperatorCall({ to: r.tokenAddress, data: callData(r), nonce })) });
      }
      try {
        await persistSigned(chunk);
      } catch (err) {
        await Promise.all(broadcasts); // earlier chunks are out; let them be answered before the lock goes
        throw err;
      }
      if (start === 0) await hooks.afterPersist?.();
      broadcasts.push(...chunk.map(broadcastOne));
    }
    // Every broadcast is answered before the lock goes, so the next holder's nonce counts them.
    const out = await Promise.all(broadcasts);
    return out;
  });
  await hooks.afterBroadcast?.();
  return sent;
}
