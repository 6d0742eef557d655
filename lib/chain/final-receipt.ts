// Waiting for a transaction to be final (docs/finality.md), not just mined: on the instant chain
// (depth 0) that is the receipt itself; on Polygon, a few seconds later, once the `finalized` tag
// passes its block. A reorg before then may drop the transaction or mine it in another block: the
// receipt is read again once its block is final, so only a receipt the final chain holds counts.
import type { TransactionReceipt } from "ethers";
import { finalBlock } from "@/lib/chain/finality";
import { provider } from "@/lib/chain/provider";
import { waitForReceipt } from "@/lib/chain/wait-for-receipt";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until block `blockNumber` is final; false after `timeoutMs`. Polls fast at first (an instant chain is final at once). */
export async function waitUntilFinal(blockNumber: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 500)) {
    if (blockNumber <= (await finalBlock({ fresh: true }))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(wait);
  }
}

/**
 * The receipt of `hash` once it is final; null when it is not by `timeoutMs` (not mined yet, not
 * final yet, or dropped by a reorg: the caller tells these apart by reading the chain again).
 */
export async function waitForFinalReceipt(hash: string, timeoutMs: number): Promise<TransactionReceipt | null> {
  const deadline = Date.now() + timeoutMs;
  let receipt = await waitForReceipt(hash, timeoutMs);
  while (receipt) {
    if (!(await waitUntilFinal(receipt.blockNumber, Math.max(0, deadline - Date.now())))) return null;
    const now = await provider().getTransactionReceipt(hash);
    if (now && now.blockHash === receipt.blockHash) return now;
    // Moved by a reorg into another block (wait for that one) or dropped (null).
    receipt = now;
  }
  return null;
}

/** The receipts among `hashes` that are final now (mined in a block at or below the final block). */
export async function finalReceipts(hashes: string[]): Promise<Map<string, TransactionReceipt>> {
  const final = await finalBlock({ fresh: true });
  const receipts = await Promise.all(hashes.map((h) => provider().getTransactionReceipt(h)));
  const out = new Map<string, TransactionReceipt>();
  receipts.forEach((r, i) => r && r.blockNumber <= final && out.set(hashes[i], r));
  return out;
}
