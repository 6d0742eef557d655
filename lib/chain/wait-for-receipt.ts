import type { TransactionReceipt } from "ethers";
import { provider } from "@/lib/chain/provider";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls for a receipt, often at first (a local chain mines at once), then every half second; null
 * after `timeoutMs`. (ethers' waitForTransaction can miss a transaction mined just before it
 * subscribes to blocks when no further block comes, and then waits out its whole timeout.)
 */
export async function waitForReceipt(hash: string, timeoutMs: number): Promise<TransactionReceipt | null> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 500)) {
    const receipt = await provider().getTransactionReceipt(hash);
    if (receipt || Date.now() >= deadline) return receipt;
    await sleep(wait);
  }
}
