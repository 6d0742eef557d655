import { Interface, Transaction, type Wallet } from "ethers";
import { z } from "zod";
import { formatAmount, fromBaseUnits, toBaseUnits, ZCreditAmount } from "@/lib/amount";
import { CARBON_CREDIT_ABI, carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import type { CmExport } from "@/lib/generated/prisma/client";
import { CmUserError } from "@/lib/carbonmark/errors";
import { getExportDestination } from "@/lib/carbonmark/exports/get-export-destination";
import { topUpGas } from "@/lib/carbonmark/exports/top-up-gas";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { ZPin } from "@/lib/carbonmark/wallet/pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { logger } from "@/lib/log/logger";

export const ZSendExport = z.object({
  creditId: z.string({ error: "Select an asset" }).min(1, "Select an asset").max(200),
  quantity: ZCreditAmount,
  pin: ZPin,
  idempotencyKey: z.uuid(),
  /** The address the user saw and confirmed; the transfer goes nowhere else. */
  destinationAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
});

const iface = new Interface(CARBON_CREDIT_ABI);
const EXPORT_LOCK_NAMESPACE = 0x1c40;

/**
 * Sends credits from the user's wallet to the connected ICR organization's address. Crash-safe and
 * idempotent: the CmExport row claims the idempotency key; its nonce and the hash of the signed
 * transaction are recorded before broadcast, and a retry reuses that nonce, so at most one transfer
 * can ever be mined for one export.
 */
export async function sendExport(opts: { userId: string; creditId: string; quantity: string; pin: string; idempotencyKey: string; destinationAddress: string }): Promise<CmExport> {
  const existing = await prisma.cmExport.findUnique({ where: { idempotencyKey: opts.idempotencyKey } });
  if (existing && existing.userId !== opts.userId) throw new CmUserError("This transfer belongs to someone else.", "forbidden");
  if (existing && existing.status !== "pending") return existing;

  const wallet = await unlockWallet({ userId: opts.userId, pin: opts.pin });
  if (existing) return finish(existing, wallet);

  const credit = parseCreditId(opts.creditId);
  if (!credit) throw new CmUserError("This is not an ICR credit.", "invalid_input");
  const destination = await getExportDestination({ userId: opts.userId });
  if (destination.address.toLowerCase() !== opts.destinationAddress.toLowerCase()) {
    throw new CmUserError("Your ICR organization's address has changed since you reviewed the transfer. Review it again; nothing was sent.", "conflict");
  }
  const held = (await carbonCredit(credit.tokenAddress, provider()).balanceOf(wallet.address, BigInt(credit.tokenId))) as bigint;
  if (held === 0n) throw new CmUserError("Your wallet does not hold this asset.", "not_found");
  if (toBaseUnits(opts.quantity) > held) throw new CmUserError(`Your wallet holds only ${formatAmount(fromBaseUnits(held))} of this asset.`, "invalid_input");

  let row: CmExport;
  try {
    row = await prisma.cmExport.create({
      data: { userId: opts.userId, idempotencyKey: opts.idempotencyKey, organizationId: destination.organizationId, creditId: opts.creditId, amount: opts.quantity, toAddress: destination.address },
    });
  } catch (err) {
    if ((err as { code?: string }).code !== "P2002") throw err;
    row = await prisma.cmExport.findUniqueOrThrow({ where: { idempotencyKey: opts.idempotencyKey } });
  }
  return finish(row, wallet);
}

/** Broadcasts (or re-broadcasts with the same nonce) under a per-user lock, then waits for the receipt. */
async function finish(row: CmExport, wallet: Wallet): Promise<CmExport> {
  const p = provider();
  const sent = await prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${EXPORT_LOCK_NAMESPACE}::int, hashtext(${row.userId})::int)`;
      const current = await db.cmExport.findUniqueOrThrow({ where: { id: row.id } });
      if (current.status !== "pending") return current;

      if (current.txHash && current.nonce !== null) {
        const receipt = await p.getTransactionReceipt(current.txHash);
        if (receipt) return db.cmExport.update({ where: { id: row.id }, data: { status: receipt.status === 1 ? "confirmed" : "failed", lastError: receipt.status === 1 ? null : "The transfer was reverted on chain." } });
        const mined = await p.getTransactionCount(wallet.address, "latest");
        if (mined > current.nonce) {
          return db.cmExport.update({ where: { id: row.id }, data: { status: "failed", lastError: "The transfer was not sent (its nonce was used by another transaction). Nothing was transferred." } });
        }
      }

      const { tokenAddress, tokenId } = parseCreditId(current.creditId)!;
      const data = iface.encodeFunctionData("safeTransferFrom", [wallet.address, current.toAddress, BigInt(tokenId), toBaseUnits(current.amount.toString()), "0x"]);
      const nonce = current.nonce ?? (await p.getTransactionCount(wallet.address, "pending"));
      const gasLimit = ((await p.estimateGas({ from: wallet.address, to: tokenAddress, data })) * 12n) / 10n;
      const fee = await p.getFeeData();
      const maxFeePerGas = fee.maxFeePerGas ?? fee.gasPrice ?? 1_000_000_000n;
      await topUpGas({ address: wallet.address, needed: gasLimit * maxFeePerGas });
      const { chainId } = await p.getNetwork();
      const signed = await wallet.signTransaction({ to: tokenAddress, data, nonce, gasLimit, maxFeePerGas, maxPriorityFeePerGas: fee.maxPriorityFeePerGas ?? 0n, chainId, type: 2 });
      const txHash = Transaction.from(signed).hash!;
      // Recorded before broadcast: after a crash, the retry finds this nonce and never sends a second transfer.
      await db.cmExport.update({ where: { id: row.id }, data: { nonce, txHash } });
      try {
        await p.broadcastTransaction(signed);
      } catch (err) {
        const message = (err as Error).message;
        if (!/already known|nonce too low|replacement/i.test(message)) {
          return db.cmExport.update({ where: { id: row.id }, data: { status: "failed", lastError: "The chain refused the transfer. Nothing was transferred." } });
        }
        logger.warn({ exportId: row.id, err: { message } }, "export broadcast answered as a repeat");
      }
      return db.cmExport.update({ where: { id: row.id }, data: { status: "sent" } });
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (sent.status !== "sent" || !sent.txHash) return sent;

  const receipt = await p.waitForTransaction(sent.txHash, 1, 60_000).catch(() => null);
  if (!receipt) return sent;
  return prisma.cmExport.update({ where: { id: row.id }, data: { status: receipt.status === 1 ? "confirmed" : "failed", lastError: receipt.status === 1 ? null : "The transfer was reverted on chain." } });
}
