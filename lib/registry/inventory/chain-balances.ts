// Balances of organization addresses, read from the chain with one balanceOfBatch call per
// project contract. Inventory reads go through a short cache (with in-flight sharing, so 100
// concurrent readers cause one read of the chain and of the rows it needs); anything that
// reserves credits reads fresh.
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { createReadCache, type TReadCache } from "@/lib/cache/read-cache";

export type TBalanceQuery = { tokenAddress: string; tokenId: string };
/** key `${address}|${tokenAddress}|${tokenId}` (addresses lower-case) → base units */
export type TBalances = Map<string, bigint>;

export const balanceKey = (address: string, tokenAddress: string, tokenId: string) =>
  `${address.toLowerCase()}|${tokenAddress.toLowerCase()}|${tokenId}`;

/** Fresh balances of every (address × token) pair (at `blockTag` when given, else the latest block). */
export async function readBalances(
  addresses: string[],
  tokens: TBalanceQuery[],
  blockTag?: number,
): Promise<TBalances> {
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
      const result = (await carbonCredit(tokenAddress, provider()).balanceOfBatch(accounts, tokenIds, {
        blockTag,
      })) as bigint[];
      result.forEach((v, i) => out.set(balanceKey(accounts[i], tokenAddress, tokenIds[i].toString()), v));
    }),
  );
  return out;
}

const globalForCache = globalThis as unknown as { inventoryReadCache?: TReadCache<unknown> };
const cache = (globalForCache.inventoryReadCache ??= createReadCache<unknown>({ ttlMs: 1000 }));

/** A read for display (balances and what they are read with), at most a second old; concurrent callers share one read. */
export function readCached<T>(cacheKey: string, read: () => Promise<T>): Promise<T> {
  return cache.read(cacheKey, read) as Promise<T>;
}

/** Drops cached reads (after this process moved or reserved credits). */
export function invalidateBalances(cacheKey?: string): void {
  cache.forget(cacheKey);
}
