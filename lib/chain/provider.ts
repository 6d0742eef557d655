import { JsonRpcProvider } from "ethers";
import { config } from "@/lib/config";

const globalForChain = globalThis as unknown as { chainProvider?: JsonRpcProvider };

/** One JSON-RPC provider per process (polling kept short: a local chain mines instantly). */
export function provider(): JsonRpcProvider {
  if (!globalForChain.chainProvider) {
    const p = new JsonRpcProvider(config().CHAIN_RPC_URL, undefined, {
      staticNetwork: true,
      batchMaxCount: 1,
      cacheTimeout: -1,
    });
    p.pollingInterval = 250;
    globalForChain.chainProvider = p;
  }
  return globalForChain.chainProvider;
}
