// A test file's own chain on the Polygon profile (lib/stack/chain-profile.ts): anvil with 2 s
// blocks and a `finalized` tag 4 blocks back, reached through the RPC proxy that caps eth_getLogs
// and can delay, drop connections and reorg. Call at the top of a test file, before anything reads
// the config, so the app's modules talk to this chain with the profile's settings.
import { afterAll } from "vitest";
import { startAnvil } from "../stack/chain.ts";
import { POLYGON_PROFILE, profileEnv } from "../stack/chain-profile.ts";
import { freePort } from "../stack/ports.ts";
import { startRpcProxy } from "../stack/rpc-proxy.ts";

export async function startPolygonChain() {
  const anvil = await startAnvil({ port: await freePort(), profile: "polygon" });
  const proxy = await startRpcProxy({
    upstream: anvil.url,
    maxLogRange: POLYGON_PROFILE.maxLogRange,
    maxLogResults: POLYGON_PROFILE.maxLogResults,
  });
  Object.assign(process.env, { CHAIN_RPC_URL: proxy.url, ...profileEnv("polygon") });
  afterAll(async () => {
    await proxy.close();
    await anvil.stop();
  });
  const rpc = proxy.upstreamCall;
  return {
    proxy,
    rpc,
    head: async () => Number(await rpc<string>("eth_blockNumber")),
    finalized: async () => Number((await rpc<{ number: string }>("eth_getBlockByNumber", ["finalized", false])).number),
  };
}
