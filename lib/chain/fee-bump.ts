// A transaction stuck in the node's pool because the base fee rose above what it offers (a gas
// spike) is replaced: the same nonce, re-signed with higher EIP-1559 fees, stored in the chain log
// before it is broadcast like any other transaction (the log then drops the older signature).
// Whichever signature the chain mines, the nonce is spent once: minedSignature() finds it.
import { Transaction, type Wallet } from "ethers";
import { broadcastSigned } from "@/lib/chain/broadcast";
import { provider } from "@/lib/chain/provider";
import { logSigned } from "@/lib/chain/tx-log";
import { config } from "@/lib/config";
import { prisma, type TTx } from "@/lib/db";
import { logger } from "@/lib/log/logger";

const GWEI = 1_000_000_000n;
/** Nodes accept a replacement that raises both fees by at least 10%; 12.5% leaves room. */
const MIN_BUMP = (fee: bigint) => fee + (fee + 7n) / 8n;

export type TReplacement = { signedTx: string; hash: string; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };

/**
 * The replacement for `signedTx` when the next block's base fee is above its fee cap: tip and cap
 * raised by at least 12.5%, the cap to at least twice the base fee plus the tip, never above
 * CHAIN_MAX_FEE_GWEI (undefined when it is priced fine, or the bound is reached).
 */
export async function replacementFor(signedTx: string, wallet: Wallet): Promise<TReplacement | undefined> {
  const old = Transaction.from(signedTx);
  if (old.type !== 2 || old.maxFeePerGas === null || old.maxPriorityFeePerGas === null) return undefined;
  const pending = await provider().getBlock("pending");
  const base = pending?.baseFeePerGas ?? (await provider().getBlock("latest"))?.baseFeePerGas ?? 0n;
  if (base <= old.maxFeePerGas) return undefined;
  const cap = BigInt(config().CHAIN_MAX_FEE_GWEI) * GWEI;
  const tip = MIN_BUMP(old.maxPriorityFeePerGas);
  const maxFeePerGas = [MIN_BUMP(old.maxFeePerGas), base * 2n + tip].reduce((a, b) => (a > b ? a : b));
  if (maxFeePerGas > cap || tip > maxFeePerGas) {
    logger.warn(
      { hash: old.hash, base: base.toString(), capGwei: config().CHAIN_MAX_FEE_GWEI },
      "a stuck transaction would need more than CHAIN_MAX_FEE_GWEI; waiting for the base fee to fall",
    );
    return undefined;
  }
  const next = old.clone();
  next.maxFeePerGas = maxFeePerGas;
  next.maxPriorityFeePerGas = tip;
  next.signature = wallet.signingKey.sign(next.unsignedHash);
  return { signedTx: next.serialized, hash: next.hash!, maxFeePerGas, maxPriorityFeePerGas: tip };
}

/**
 * Replaces a transaction stuck under a base-fee spike. `onReplace` runs in the database transaction
 * that logs the replacement (the caller points its row at the new hash, conditionally: false
 * aborts); after the commit it is broadcast. Returns the new hash, or undefined when nothing was done.
 * Call under the sender's lock.
 */
export async function bumpStuckFee(opts: {
  signedTx: string;
  wallet: Wallet;
  purpose: string;
  ref?: string;
  onReplace?: (db: TTx, next: TReplacement) => Promise<boolean>;
}): Promise<string | undefined> {
  const next = await replacementFor(opts.signedTx, opts.wallet);
  if (!next) return undefined;
  const stored = await prisma.$transaction(async (db) => {
    if (opts.onReplace && !(await opts.onReplace(db, next))) return false;
    await logSigned(db, [{ signedTx: next.signedTx, purpose: opts.purpose, ref: opts.ref }]);
    return true;
  });
  if (!stored) return undefined;
  await broadcastSigned(next.signedTx);
  const old = Transaction.from(opts.signedTx);
  logger.warn(
    {
      replaced: old.hash,
      hash: next.hash,
      nonce: old.nonce,
      maxFeePerGas: `${old.maxFeePerGas} → ${next.maxFeePerGas}`,
      maxPriorityFeePerGas: `${old.maxPriorityFeePerGas} → ${next.maxPriorityFeePerGas}`,
    },
    "replaced a transaction stuck under a base-fee spike (same nonce, higher fee)",
  );
  return next.hash;
}

/** Of every signature the log holds for a sender's nonce (replaced ones included), the one the chain mined, if any. */
export async function minedSignature(
  sender: string,
  nonce: number,
): Promise<{ hash: string; signedTx: string } | undefined> {
  const rows = await prisma.chainTx.findMany({
    where: { sender, nonce },
    select: { hash: true, signedTx: true },
    orderBy: { seq: "desc" },
  });
  for (const row of rows) if (await provider().getTransactionReceipt(row.hash)) return row;
  return undefined;
}
