import { Interface, Transaction, type Wallet } from "ethers";
import { toBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import type { CmRetirement } from "@/lib/generated/prisma/client";
import { topUpGas } from "@/lib/carbonmark/exports/top-up-gas";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { logger } from "@/lib/log/logger";

const iface = new Interface(CARBON_CREDIT_ABI);
// The same per-user lock as exports: one wallet has one nonce sequence.
const WALLET_LOCK_NAMESPACE = 0x1c40;
const REVERTED = "The retirement was reverted on chain. Nothing was retired.";

/**
 * Sends `retire(wallet, tokenId, units)` for a recorded retirement, or re-sends it with the same
 * nonce after a crash; then waits for the receipt. The nonce and transaction hash are stored before
 * broadcast, so at most one retirement can ever be mined for one row.
 */
export async function broadcastRetirement(row: CmRetirement, wallet: Wallet): Promise<CmRetirement> {
  const p = provider();
  const sent = await prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${WALLET_LOCK_NAMESPACE}::int, hashtext(${row.userId})::int)`;
      const current = await db.cmRetirement.findUniqueOrThrow({ where: { id: row.id } });
      if (current.status !== "pending") return current;

      if (current.txHash && current.nonce !== null) {
        const receipt = await p.getTransactionReceipt(current.txHash);
        if (receipt) return db.cmRetirement.update({ where: { id: row.id }, data: receipt.status === 1 ? { status: "confirmed", lastError: null } : { status: "failed", lastError: REVERTED } });
        const mined = await p.getTransactionCount(wallet.address, "latest");
        if (mined > current.nonce) {
          return db.cmRetirement.update({ where: { id: row.id }, data: { status: "failed", lastError: "The retirement was not sent (its nonce was used by another transaction). Nothing was retired." } });
        }
      }

      const { tokenAddress, tokenId } = parseCreditId(current.creditId)!;
      const data = iface.encodeFunctionData("retire", [wallet.address, BigInt(tokenId), toBaseUnits(current.amount.toString())]);
      const nonce = current.nonce ?? (await p.getTransactionCount(wallet.address, "pending"));
      const gasLimit = ((await p.estimateGas({ from: wallet.address, to: tokenAddress, data })) * 12n) / 10n;
      const fee = await p.getFeeData();
      const maxFeePerGas = fee.maxFeePerGas ?? fee.gasPrice ?? 1_000_000_000n;
      await topUpGas({ address: wallet.address, needed: gasLimit * maxFeePerGas });
      const { chainId } = await p.getNetwork();
      const signed = await wallet.signTransaction({ to: tokenAddress, data, nonce, gasLimit, maxFeePerGas, maxPriorityFeePerGas: fee.maxPriorityFeePerGas ?? 0n, chainId, type: 2 });
      const txHash = Transaction.from(signed).hash!;
      // Recorded before broadcast: after a crash, the retry finds this nonce and never retires twice.
      await db.cmRetirement.update({ where: { id: row.id }, data: { nonce, txHash } });
      try {
        await p.broadcastTransaction(signed);
      } catch (err) {
        const message = (err as Error).message;
        if (!/already known|nonce too low|replacement/i.test(message)) {
          return db.cmRetirement.update({ where: { id: row.id }, data: { status: "failed", lastError: "The chain refused the retirement. Nothing was retired." } });
        }
        logger.warn({ retirementId: row.id, err: { message } }, "retirement broadcast answered as a repeat");
      }
      return db.cmRetirement.update({ where: { id: row.id }, data: { status: "sent" } });
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (sent.status !== "sent" || !sent.txHash) return sent;

  const receipt = await p.waitForTransaction(sent.txHash, 1, 60_000).catch(() => null);
  if (!receipt) return sent;
  return prisma.cmRetirement.update({ where: { id: row.id }, data: receipt.status === 1 ? { status: "confirmed", lastError: null } : { status: "failed", lastError: REVERTED } });
}
