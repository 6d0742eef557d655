import { Wallet, type TransactionReceipt, type TransactionRequest } from "ethers";
import { config } from "@/lib/config";
import { withOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { sendLogged } from "@/lib/chain/send-logged";
import { waitForReceipt } from "@/lib/chain/wait-for-receipt";

// All registry transactions leave from one operator address. Nonces are taken under a
// PostgreSQL advisory lock, so any number of workers and app instances send in order; every
// transaction is stored in the chain log before it is broadcast (lib/chain/tx-log.ts).

export function operatorWallet(): Wallet {
  return new Wallet(config().REGISTRY_OPERATOR_KEY, provider());
}

/** Signs, logs and broadcasts `tx` from the operator with the next nonce, then waits for its receipt. */
export async function sendAsOperator(tx: TransactionRequest, purpose: string): Promise<TransactionReceipt> {
  const hash = await withOperatorLock(() => sendLogged({ wallet: operatorWallet(), tx, purpose }));
  const receipt = await waitForReceipt(hash, 60_000);
  if (!receipt)
    throw new Error(
      `operator transaction ${hash} (${purpose}) was not mined within 60 s; it is logged and will be replayed`,
    );
  return receipt;
}
