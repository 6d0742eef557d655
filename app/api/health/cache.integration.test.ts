import { afterAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

// A flood of health requests runs one check (one database round, one RPC call) per process, not one each.
const rpc = await startLocalServer((req, res) => {
  const { id, method } = JSON.parse(req.body) as { id: number; method: string };
  sendJson(res, 200, { jsonrpc: "2.0", id, result: method === "eth_blockNumber" ? "0x2a" : "0x7a69" });
});
process.env.CHAIN_RPC_URL = rpc.url;
const { GET } = await import("./route");
const { forgetHealth } = await import("@/lib/health");
afterAll(() => rpc.close());
await prisma.$queryRaw`SELECT 1`; // a warm pool: a cold connection can exceed the check's budget on a busy machine

const blockNumberCalls = () => rpc.requests.filter((r) => JSON.parse(r.body).method === "eth_blockNumber").length;
const health = () => GET(new Request("http://localhost/api/health"));

it("500 requests at once, then 100 more one after another, make one RPC call", async () => {
  const burst = await Promise.all(Array.from({ length: 500 }, health));
  for (const res of burst) expect(res.status).toBe(503); // no worker beats here
  for (let i = 0; i < 100; i++) await health();
  expect(blockNumberCalls()).toBe(1);

  // The counter counts: a check run afresh calls the RPC again.
  forgetHealth();
  await health();
  expect(blockNumberCalls()).toBe(2);
});
