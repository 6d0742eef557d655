import type { TransactionRequest, Wallet } from "ethers";
import { broadcastSigned } from "@/lib/chain/broadcast";
import { nextNonce } from "@/lib/chain/next-nonce";
import { describeSigned, logSigned } from "@/lib/chain/tx-log";
import { prisma } from "@/lib/db";

/**
 * Signs `tx` from `wallet` with its next nonce, stores it in the chain log (committed at once, even
 * inside a caller's transaction), then broadcasts it. Returns the hash. Call under the sender's
 * lock. A failed broadcast throws; the logged transaction is replayed later.
 */
export async function sendLogged(opts: {
  wallet: Wallet;
  tx: TransactionRequest;
  purpose: string;
  ref?: string;
}): Promise<string> {
  const nonce = await nextNonce(opts.wallet.address);
  const populated = await opts.wallet.populateTransaction({ ...opts.tx, nonce });
  const signedTx = await opts.wallet.signTransaction(populated);
  await logSigned(prisma, [{ signedTx, purpose: opts.purpose, ref: opts.ref }]);
  await broadcastSigned(signedTx);
  return describeSigned(signedTx).hash;
}
