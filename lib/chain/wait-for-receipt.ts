import type { TransactionReceipt } from "ethers";
import { provider } from "@/lib/chain/provider";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** For the first this many ms a receipt is polled at most this far apart (a local chain working through queued batches). */
const FAST_MS = 2_000;
const FAST_POLL_MS = 40;

/**
 * Polls for a receipt, often for the first 2 s (a local chain mines at once, or within a second
 * when it works through several queued batches; polling every half second there would add up to
 * half a second to each pipeline), then every half second; null after `timeoutMs`. (ethers'
 * waitForTransaction can miss a transaction mined just before it subscribes to blocks when no
 * further block comes, and then waits out its whole timeout.)
 */
export async function waitForReceipt(hash: string, timeoutMs: number): Promise<TransactionReceipt | null> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, Date.now() - started < FAST_MS ? FAST_POLL_MS : 500)) {
    const receipt = await provider().getTransactionReceipt(hash);
    if (receipt || Date.now() >= deadline) return receipt;
    await sleep(wait);
  }
}
