// The chain transaction log (`chain_tx_log`, owned by lib/chain and used by both the registry and
// Carbonmark): every transaction the stack signs is stored here, signed, BEFORE it is broadcast,
// and kept after it is mined. Its `seq` is the order of first broadcast, which keeps each sender's
// nonce order and the dependencies between senders; replay-chain-log.ts rebuilds a chain from it.
import { getAddress, Transaction } from "ethers";
import { prisma, type TDb } from "@/lib/db";

export type TLogEntry = {
  signedTx: string;
  purpose: string;
  ref?: string | null;
  /** What the signer of these bytes just signed (skips parsing them again: a batch's bytes parse slowly). */
  described?: { hash: string; sender: string; nonce: number };
};
export type TLoggedTx = { seq: bigint; hash: string; sender: string; nonce: number; signedTx: string; purpose: string };

export function describeSigned(signedTx: string): { hash: string; sender: string; nonce: number } {
  const tx = Transaction.from(signedTx);
  return { hash: tx.hash!, sender: getAddress(tx.from!), nonce: tx.nonce };
}

/**
 * Stores signed transactions, in this order (one statement: all or none). A newer signature for a
 * sender's nonce drops the older one, so at most one live row holds each (sender, nonce).
 */
export async function logSigned(db: TDb, entries: TLogEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map(({ described, ...e }) => ({ ...e, ...(described ?? describeSigned(e.signedTx)) }));
  const hashes = rows.map((r) => r.hash);
  await db.$executeRaw`
    UPDATE "chain_tx_log" AS t SET "dropped" = true, "dropReason" = 'replaced by a newer signature for the same nonce'
    FROM unnest(${rows.map((r) => r.sender)}::text[], ${rows.map((r) => r.nonce)}::int[]) AS v(sender, nonce)
    WHERE t."sender" = v.sender AND t."nonce" = v.nonce AND NOT t."dropped" AND t."hash" <> ALL(${hashes}::text[])`;
  await db.$executeRaw`
    INSERT INTO "chain_tx_log" ("hash", "sender", "nonce", "signedTx", "purpose", "ref")
    SELECT v.hash, v.sender, v.nonce, v.signed, v.purpose, v.ref
    FROM unnest(${hashes}::text[], ${rows.map((r) => r.sender)}::text[], ${rows.map((r) => r.nonce)}::int[], ${rows.map((r) => r.signedTx)}::text[], ${rows.map((r) => r.purpose)}::text[], ${rows.map((r) => r.ref ?? null)}::text[]) WITH ORDINALITY AS v(hash, sender, nonce, signed, purpose, ref, ord)
    ORDER BY v.ord
    ON CONFLICT ("hash") DO NOTHING`;
}

/** Marks a logged transaction as never to be replayed (the node refused it, or its nonce went to another). */
export async function dropLogged(db: TDb, hash: string, reason: string): Promise<void> {
  await db.chainTx.updateMany({
    where: { hash, dropped: false },
    data: { dropped: true, dropReason: reason.slice(0, 500) },
  });
}

/** The newest live transaction logged for a domain row (an export, a retirement, a request). */
export function findLoggedByRef(ref: string) {
  return prisma.chainTx.findFirst({ where: { ref, dropped: false }, orderBy: { seq: "desc" } });
}

/** The highest nonce the log holds for a sender (null when none). */
export async function maxLoggedNonce(sender: string): Promise<number | null> {
  const { _max } = await prisma.chainTx.aggregate({
    where: { sender: getAddress(sender), dropped: false },
    _max: { nonce: true },
  });
  return _max.nonce;
}
