import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RANGE_ERROR_CODE, startRpcProxy, type TRpcProxy } from "./rpc-proxy.ts";

let proxy: TRpcProxy;
beforeAll(async () => {
  proxy = await startRpcProxy({ upstream: process.env.CHAIN_RPC_URL!, maxLogRange: 100, maxLogResults: 1 });
});
afterAll(() => proxy.close());

async function call(method: string, params: unknown[] = []) {
  const res = await fetch(proxy.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 7, method, params }),
  });
  return (await res.json()) as { id: number; result?: unknown; error?: { code: number; message: string } };
}

// (Its result-count refusal, Infura's shape, is met by the indexer in lib/chain/polygon-profile.integration.test.ts.)
describe("the JSON-RPC proxy in front of anvil", () => {
  it("refuses eth_getLogs over its block range, as Alchemy does", async () => {
    await proxy.upstreamCall("anvil_mine", ["0xc8"]);
    const refused = await call("eth_getLogs", [{ fromBlock: "0x0", toBlock: "latest" }]);
    expect(refused).toMatchObject({ id: 7, error: { code: RANGE_ERROR_CODE } });
    expect(refused.error!.message).toMatch(/up to a 100 block range/);
    expect(await call("eth_getLogs", [{ fromBlock: "0x1", toBlock: "0x64" }])).toMatchObject({ result: [] });
  });

  it("drops connections on demand, then answers again; a reorg drops the orphaned blocks' transactions", async () => {
    proxy.faults.dropConnections = 1;
    await expect(call("eth_blockNumber")).rejects.toThrow();
    expect((await call("eth_blockNumber")).result).toMatch(/^0x/);
    const [from] = (await call("eth_accounts")).result as string[];
    const hash = (await call("eth_sendTransaction", [{ from, to: from, value: "0x1" }])).result as string;
    expect((await call("eth_getTransactionReceipt", [hash])).result).not.toBeNull();
    await proxy.reorg(2);
    // The orphaned block's transaction is gone, as after a real reorg.
    expect((await call("eth_getTransactionReceipt", [hash])).result).toBeNull();
    expect(proxy.calls).toContain("eth_getLogs");
  });
});
