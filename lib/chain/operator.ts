import { Wallet, type TransactionRequest, type TransactionResponse } from "ethers";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { provider } from "@/lib/chain/provider";

// All registry transactions leave from one operator address. Nonces are taken under a
// PostgreSQL advisory lock, so any number of workers and app instances send in order.
const OPERATOR_LOCK = 0x1c40_0001;

export function operatorWallet(): Wallet {
  return new Wallet(config().REGISTRY_OPERATOR_KEY, provider());
}

/** Signs and broadcasts `tx` from the operator with the next nonce; returns once the node accepted it. */
export async function sendAsOperator(tx: TransactionRequest): Promise<TransactionResponse> {
  const wallet = operatorWallet();
  const populated = await wallet.populateTransaction({ ...tx, nonce: 0 });
  return prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${OPERATOR_LOCK})`;
      const nonce = await provider().getTransactionCount(wallet.address, "pending");
      return wallet.sendTransaction({ ...populated, nonce });
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
