// "Final" means one thing everywhere (docs/finality.md): a transaction is final when its block is at
// or below the final block, the chain's `finalized` tag or the head minus a configured depth.
import type { JsonRpcProvider } from "ethers";
import { config } from "@/lib/config";
import { provider } from "@/lib/chain/provider";

const KEEP_MS = 250;
let known: { at: number; block: Promise<number> } | undefined;

/** The final block as `p` sees it now (-1 when none is final yet), read fresh. */
export async function readFinalBlock(p: JsonRpcProvider = provider()): Promise<number> {
  const { CHAIN_FINALITY, INDEXER_CONFIRMATIONS } = config();
  if (CHAIN_FINALITY === "tag") {
    const block = await p.getBlock("finalized");
    return block ? block.number : -1;
  }
  return (await p.getBlockNumber()) - INDEXER_CONFIRMATIONS;
}

/**
 * The highest final block number (-1 when none is final yet); read at most every 250 ms per
 * process, unless `fresh` (a caller waiting for one block to become final).
 */
export function finalBlock(opts: { fresh?: boolean } = {}): Promise<number> {
  const now = Date.now();
  if (opts.fresh || !known || now - known.at > KEEP_MS) {
    const block = readFinalBlock();
    known = { at: now, block };
    block.catch(() => (known = undefined));
  }
  return known.block;
}

/**
 * Whether a transaction mined in `blockNumber` is final. A "no" from the kept answer is checked
 * against a fresh read (a block mined since may be final already); a "yes" never changes.
 */
export async function isFinal(blockNumber: number): Promise<boolean> {
  return blockNumber <= (await finalBlock()) || blockNumber <= (await finalBlock({ fresh: true }));
}
