// What the chain itself says about a retirement: the transaction's receipt, the `Retired` event of
// the given contract (and its `DetailsBound` commitment on version-2 contracts), and finality.
// Neutral: the registry's proof page and Carbonmark's verdict both read it.
import { Interface, type Log } from "ethers";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { finalBlock } from "@/lib/chain/finality";
import { provider } from "@/lib/chain/provider";

const iface = new Interface(CARBON_CREDIT_ABI);
const RETIRED = iface.getEvent("Retired")!.topicHash;
const DETAILS_BOUND = iface.getEvent("DetailsBound")!.topicHash;

export type TRetirementOnChain =
  | { found: false; why: "no_receipt" | "reverted" | "no_retired_event" }
  | {
      found: true;
      txHash: string;
      blockNumber: number;
      blockHash: string;
      /** the final chain holds this receipt (its block was final before the receipt was read) */
      final: boolean;
      contract: string;
      logIndex: number;
      account: string;
      operator: string;
      tokenId: string;
      /** base units (1 tCO₂e = 10^18) */
      units: bigint;
      /** the `DetailsBound` commitment, or null when the retirement bound none (older contracts) */
      commitment: string | null;
    };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Reads one retirement from the chain. `logIndex` picks the `Retired` event when one transaction
 * holds several; without it the first of the contract's `Retired` events is taken.
 * Throws when the chain cannot be read (the caller says so instead of giving a verdict).
 * `final` only for a receipt the final chain holds: the final block is read before the receipt, so
 * a receipt of a block a reorg was about to replace is never called final.
 */
export async function readRetirementOnChain(opts: {
  txHash: string;
  tokenAddress: string;
  logIndex?: number;
}): Promise<TRetirementOnChain> {
  const finalBefore = await finalBlock();
  const receipt = await provider().getTransactionReceipt(opts.txHash);
  if (!receipt) return { found: false, why: "no_receipt" };
  if (receipt.status !== 1) return { found: false, why: "reverted" };
  const ofContract = receipt.logs.filter((l) => same(l.address, opts.tokenAddress));
  const retired = ofContract.find(
    (l) => l.topics[0] === RETIRED && (opts.logIndex === undefined || l.index === opts.logIndex),
  );
  if (!retired) return { found: false, why: "no_retired_event" };
  const event = iface.parseLog(retired)!;
  const [account, operator, tokenId, units] = event.args as unknown as [string, string, bigint, bigint];
  return {
    found: true,
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    blockHash: receipt.blockHash,
    final: receipt.blockNumber <= finalBefore || (await finalNow(opts.txHash, receipt.blockNumber, receipt.blockHash)),
    contract: retired.address,
    logIndex: retired.index,
    account,
    operator,
    tokenId: tokenId.toString(),
    units,
    commitment: boundCommitment(ofContract, retired, account, tokenId),
  };
}

/** Whether block `blockNumber` is final now and the final chain still holds the receipt in block `blockHash`. */
async function finalNow(txHash: string, blockNumber: number, blockHash: string): Promise<boolean> {
  if (blockNumber > (await finalBlock({ fresh: true }))) return false;
  return (await provider().getTransactionReceipt(txHash))?.blockHash === blockHash;
}

/** The `DetailsBound` the contract emits right after this `Retired` event, for the same account and token. */
function boundCommitment(logs: readonly Log[], retired: Log, account: string, tokenId: bigint): string | null {
  const next = logs.find((l) => l.index > retired.index && (l.topics[0] === RETIRED || l.topics[0] === DETAILS_BOUND));
  if (!next || next.topics[0] !== DETAILS_BOUND) return null;
  const [boundAccount, boundToken, commitment] = iface.parseLog(next)!.args as unknown as [string, bigint, string];
  return same(boundAccount, account) && boundToken === tokenId ? commitment : null;
}
