import { getAddress } from "ethers";
import { provider } from "@/lib/chain/provider";
import { replayChainLog } from "@/lib/chain/replay-chain-log";
import { maxLoggedNonce } from "@/lib/chain/tx-log";

/**
 * A sender's next nonce: the node's count, unless the log holds transactions the node lacks
 * (lost with a chain crash, or stored and never sent). Then those are replayed first, and the new
 * transaction never takes a nonce a logged one holds. Call under the sender's lock.
 */
export async function nextNonce(address: string): Promise<number> {
  const sender = getAddress(address);
  const [pending, logged] = await Promise.all([
    provider().getTransactionCount(sender, "pending"),
    maxLoggedNonce(sender),
  ]);
  if (logged === null || logged < pending) return pending;
  await replayChainLog({ reason: `${sender}'s nonce on chain (${pending}) is behind the log (${logged})` });
  return Math.max(await provider().getTransactionCount(sender, "pending"), logged + 1);
}
