// Signing operator transactions without sending them, so a caller can persist the signed bytes
// (and hash) before broadcasting: a crash then resends the same transaction, never a second one.
import { Interface } from "ethers";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { operatorWallet } from "@/lib/chain/operator";
import { nextNonce } from "@/lib/chain/next-nonce";
import { provider } from "@/lib/chain/provider";
import { signEip1559 } from "@/lib/chain/sign-eip1559";

export { broadcastSigned } from "@/lib/chain/broadcast";

const CREDIT_IFACE = new Interface(CARBON_CREDIT_ABI);
const GAS_LIMIT = 300_000n;
type TFees = { at: number; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };
const globalForFees = globalThis as unknown as { operatorFees?: TFees; operatorChainId?: bigint };

async function fees(): Promise<TFees> {
  const cached = globalForFees.operatorFees;
  if (cached && Date.now() - cached.at < 10_000) return cached;
  const block = await provider().getBlock("latest");
  const base = block?.baseFeePerGas ?? 1_000_000_000n;
  const tip = 1_000_000_000n;
  // Room for the base fee to rise for a while before the signed tx could become underpriced.
  const next = { at: Date.now(), maxFeePerGas: base * 4n + tip, maxPriorityFeePerGas: tip };
  globalForFees.operatorFees = next;
  return next;
}

async function chainId(): Promise<bigint> {
  globalForFees.operatorChainId ??= (await provider().getNetwork()).chainId;
  return globalForFees.operatorChainId;
}

/**
 * The operator's next nonce, counting transactions the node holds but has not mined, and never one
 * a logged transaction holds (those are replayed first). Call under the operator lock.
 */
export function nextOperatorNonce(): Promise<number> {
  return nextNonce(operatorWallet().address);
}

/** How many of the operator's transactions are mined (the next nonce not yet used on chain). */
export function minedOperatorNonce(): Promise<number> {
  return provider().getTransactionCount(operatorWallet().address, "latest");
}

/** Signs a call from the operator with the given nonce (gas limit 300,000 unless given); returns the raw transaction and its hash. */
export async function signOperatorCall(opts: {
  to: string;
  data: string;
  nonce: number;
  gasLimit?: bigint;
}): Promise<{ signedTx: string; hash: string }> {
  const f = await fees();
  // Encoded by hand (sign-eip1559.ts): ethers' serializer takes tens of ms for a batch's call data.
  return signEip1559(
    {
      chainId: await chainId(),
      nonce: opts.nonce,
      maxPriorityFeePerGas: f.maxPriorityFeePerGas,
      maxFeePerGas: f.maxFeePerGas,
      gasLimit: opts.gasLimit ?? GAS_LIMIT,
      to: opts.to,
      data: opts.data,
    },
    operatorWallet().signingKey,
  );
}

/** Simulates a call from the operator; returns the revert reason, or undefined when it would succeed. */
export async function simulateOperatorCall(opts: { to: string; data: string }): Promise<string | undefined> {
  try {
    await provider().call({ from: operatorWallet().address, to: opts.to, data: opts.data });
    return undefined;
  } catch (err) {
    const e = err as { shortMessage?: string; reason?: string; data?: string };
    const parsed = e.data ? CREDIT_IFACE.parseError(e.data) : null;
    if (parsed?.name === "ERC1155InsufficientBalance")
      return "The organization's address holds less of this credit on chain than the request moves";
    if (parsed) return `The credit contract refused the transaction (${parsed.name})`;
    return e.reason ?? e.shortMessage ?? String(err);
  }
}
