import { Transaction, type TransactionReceipt, type Wallet } from "ethers";
import { nextNonce } from "@/lib/chain/next-nonce";
import { provider } from "@/lib/chain/provider";
import { dropLogged, findLoggedByRef, logSigned } from "@/lib/chain/tx-log";
import { prisma, type TDb, type TTx } from "@/lib/db";
import type { CmOperationStatus } from "@/lib/generated/prisma/enums";
import { topUpGas } from "@/lib/carbonmark/exports/top-up-gas";
import { logger } from "@/lib/log/logger";

// One wallet has one nonce sequence: every send from it (export, retirement) takes this per-user lock.
const WALLET_LOCK_NAMESPACE = 0x1c40;

type TOperation = {
  id: string;
  userId: string;
  status: CmOperationStatus;
  nonce: number | null;
  txHash: string | null;
};
type TUpdate = { status?: CmOperationStatus; lastError?: string | null; nonce?: number; txHash?: string };

/** Messages people read when the operation did not happen. */
export type TSendMessages = { reverted: string; nonceUsed: string; refused: string };

/**
 * Sends a contract call from the user's wallet for a recorded operation (an export or a retirement),
 * or re-sends it with the same nonce after a crash, then waits for the receipt. The nonce and the
 * signed transaction's hash are stored before broadcast, so at most one transaction can ever be
 * mined for one operation.
 */
export async function sendWalletCall<T extends TOperation>(opts: {
  row: T;
  wallet: Wallet;
  /** The call to make, from the row as it stands under the lock. */
  call: (current: T) => { to: string; data: string };
  load: (db: TTx, id: string) => Promise<T>;
  save: (db: TDb, id: string, data: TUpdate) => Promise<T>;
  messages: TSendMessages;
}): Promise<T> {
  const { row, wallet, messages } = opts;
  const p = provider();
  const settle = (db: TDb, receipt: TransactionReceipt) =>
    opts.save(
      db,
      row.id,
      receipt.status === 1
        ? { status: "confirmed", lastError: null }
        : { status: "failed", lastError: messages.reverted },
    );

  const sent = await prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${WALLET_LOCK_NAMESPACE}::int, hashtext(${row.userId})::int)`;
      let current = await opts.load(db, row.id);
      if (current.status !== "pending") return current;
      // Signed and logged before a crash that rolled back this row's nonce: adopt it, never sign a second.
      const logged = current.txHash ? null : await findLoggedByRef(row.id);
      if (logged) current = await opts.save(db, row.id, { nonce: logged.nonce, txHash: logged.hash });

      if (current.txHash && current.nonce !== null) {
        const receipt = await p.getTransactionReceipt(current.txHash);
        if (receipt) return settle(db, receipt);
        const mined = await p.getTransactionCount(wallet.address, "latest");
        if (mined > current.nonce) {
          await dropLogged(prisma, current.txHash, "its nonce went to another transaction");
          return opts.save(db, row.id, { status: "failed", lastError: messages.nonceUsed });
        }
      }

      const { to, data } = opts.call(current);
      const nonce = current.nonce ?? (await nextNonce(wallet.address));
      const gasLimit = ((await p.estimateGas({ from: wallet.address, to, data })) * 12n) / 10n;
      const fee = await p.getFeeData();
      const maxFeePerGas = fee.maxFeePerGas ?? fee.gasPrice ?? 1_000_000_000n;
      await topUpGas({ address: wallet.address, needed: gasLimit * maxFeePerGas });
      const { chainId } = await p.getNetwork();
      const signed = await wallet.signTransaction({
        to,
        data,
        nonce,
        gasLimit,
        maxFeePerGas,
        maxPriorityFeePerGas: fee.maxPriorityFeePerGas ?? 0n,
        chainId,
        type: 2,
      });
      const txHash = Transaction.from(signed).hash!;
      // Logged (committed at once) before broadcast: after a crash, the retry finds this nonce and
      // never sends twice, and a chain that loses the transaction replays it.
      await logSigned(prisma, [{ signedTx: signed, purpose: "wallet-call", ref: row.id }]);
      await opts.save(db, row.id, { nonce, txHash });
      try {
        await p.broadcastTransaction(signed);
      } catch (err) {
        const message = (err as Error).message;
        if (!/already known|nonce too low|replacement/i.test(message)) {
          await dropLogged(prisma, txHash, message);
          return opts.save(db, row.id, { status: "failed", lastError: messages.refused });
        }
        logger.warn({ operationId: row.id, err: { message } }, "wallet broadcast answered as a repeat");
      }
      return opts.save(db, row.id, { status: "sent" });
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (sent.status !== "sent" || !sent.txHash) return sent;

  const receipt = await p.waitForTransaction(sent.txHash, 1, 60_000).catch(() => null);
  return receipt ? settle(prisma, receipt) : sent;
}
