// Balances of organization addresses, read from the chain with one balanceOfBatch call per
// project contract. Inventory reads go through a short cache (with in-flight sharing, so 100
// concurrent readers cause one chain read); anything that reserves credits reads fresh.
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";

export type TBalanceQuery = { tokenAddress: string; tokenId: string };
/** key `${address}|${tokenAddress}|${tokenId}` (addresses lower-case) → base units */
export type TBalances = Map<string, bigint>;

export const balanceKey = (address: string, tokenAddress: string, tokenId: string) => `${address.toLowerCase()}|${tokenAddress.toLowerCase()}|${tokenId}`;

/** Fresh balances of every (address × token) pair. */
export async function readBalances(addresses: string[], tokens: TBalanceQuery[]): Promise<TBalances> {
  const byContract = new Map<string, string[]>();
  for (const t of tokens) byContract.set(t.tokenAddress, [...(byContract.get(t.tokenAddress) ?? []), t.tokenId]);
  const out: TBalances = new Map();
  await Promise.all(
    [...byContract].map(async ([tokenAddress, ids]) => {
      const accounts: string[] = [];
      const tokenIds: bigint[] = [];
      for (const a of addresses) {
        for (const id of ids) {
          accounts.push(a);
          tokenIds.push(BigInt(id));
        }
      }
      if (!accounts.length) return;
      const result = (await carbonCredit(tokenAddress, provider()).balanceOfBatch(accounts, tokenIds)) as bigint[];
      result.forEach((v, i) => out.set(balanceKey(accounts[i], tokenAddress, tokenIds[i].toString()), v));
    }),
  );
  return out;
}

const TTL_MS = 1000;
type TEntry = { at: number; value: Promise<TBalances> };
const globalForCache = globalThis as unknown as { inventoryBalanceCache?: Map<string, TEntry> };
const cache = (globalForCache.inventoryBalanceCache ??= new Map());

/** Balances for display, at most a second old; concurrent callers share one read. */
export function readBalancesCached(cacheKey: string, addresses: string[], tokens: TBalanceQuery[]): Promise<TBalances> {
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = readBalances(addresses, tokens);
  cache.set(cacheKey, { at: Date.now(), value });
  value.catch(() => cache.delete(cacheKey));
  return value;
}

/** Drops cached balances (after this process moved credits). */
export function invalidateBalances(cacheKey?: string): void {
  if (cacheKey) cache.delete(cacheKey);
  else cache.clear();
}
