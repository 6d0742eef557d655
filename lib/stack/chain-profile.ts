// The two chains the stack can run on. `instant` (the default): anvil mining each transaction at
// once, depth 0, so "final" comes with the receipt. `polygon`: anvil mining a block every 2 s with
// a `finalized` tag 4 blocks (about 8 s) behind the head, behind an RPC proxy (rpc-proxy.ts) that
// caps eth_getLogs as public Polygon providers do and can delay, drop connections and reorg.
import { z } from "zod";

export type TChainProfile = "instant" | "polygon";

export const POLYGON_PROFILE = {
  blockTimeSeconds: 2,
  /** anvil's `finalized` block is two epochs back: 2 × 2 slots = 4 blocks, about 8 s. */
  slotsInAnEpoch: 2,
  maxLogRange: 2_000,
  maxLogResults: 10_000,
} as const;

/** CHAIN_PROFILE (instant | polygon), instant when unset; anything else is refused, naming the variable. */
export function chainProfile(env: NodeJS.ProcessEnv): TChainProfile {
  const parsed = z
    .enum(["instant", "polygon"])
    .default("instant")
    .safeParse(env.CHAIN_PROFILE || undefined);
  if (!parsed.success) throw new Error(`CHAIN_PROFILE must be instant or polygon (got "${env.CHAIN_PROFILE}")`);
  return parsed.data;
}

/** anvil's arguments for a profile. */
export function anvilProfileArgs(profile: TChainProfile): string[] {
  if (profile === "instant") return [];
  return [
    "--block-time",
    String(POLYGON_PROFILE.blockTimeSeconds),
    "--slots-in-an-epoch",
    String(POLYGON_PROFILE.slotsInAnEpoch),
  ];
}

/**
 * The app's settings for a profile (a variable already set wins). Polygon: final = the `finalized`
 * tag; the indexer reads at most 1,000 blocks per call (under the providers' 2,000) and re-reads 16.
 */
export function profileEnv(profile: TChainProfile): Record<string, string> {
  if (profile === "instant") return {};
  return {
    CHAIN_FINALITY: "tag",
    INDEXER_CONFIRMATIONS: String(2 * POLYGON_PROFILE.slotsInAnEpoch),
    INDEXER_MAX_BLOCK_RANGE: "1000",
    INDEXER_REREAD_BLOCKS: "16",
  };
}
