import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUnits, Wallet } from "ethers";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { indexHoldings } from "@/lib/carbonmark/portfolio/index-holdings";
import { mintCredits } from "@/lib/registry/projects";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureProject } from "@/lib/seed/registry-factories";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { anvilKey } from "@/lib/stack/chain";

let icr: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  icr = await startLocalServer(async (req, res) =>
    req.url === "/projects" ? sendIcrProjects(res) : sendJson(res, 404, { message: "unknown" }),
  );
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());

async function anvil(method: string, params: unknown[] = []) {
  const res = await fetch(process.env.CHAIN_RPC_URL!, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

describe("the holdings indexer's transfer history", () => {
  it("keeps each transfer once with its block time, and a reorg inside the re-read window replaces what it removed", async () => {
    const user = await ensureCmUser({ email: "history@test.test", name: "H", password: "pw-123456", pin: "123456" });
    const wallet = user.wallet!.address;
    const project = await ensureProject({ num: "hist-1", fullName: "History Forest", countryCode: "IS" });
    const mint = async (amount: string) =>
      (await mintCredits({ tokenAddress: project.contractAddress, tokenId: "1", to: wallet, amount })).hash;
    const kept = await mint("1.5");
    await indexHoldings({ confirmations: 0, freshList: true });
    await indexHoldings({ confirmations: 0 });
    const rows = await prisma.cmTransfer.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    const block = (await anvil("eth_getBlockByHash", [kept, false])) as null;
    expect(block).toBeNull(); // (a tx hash is not a block hash: the row's time comes from its block)
    const receipt = (await anvil("eth_getTransactionReceipt", [kept])) as { blockNumber: string };
    const minedIn = (await anvil("eth_getBlockByNumber", [receipt.blockNumber, false])) as { timestamp: string };
    expect(rows[0]).toMatchObject({
      txHash: kept.toLowerCase(),
      direction: "in",
      blockNumber: Number(receipt.blockNumber),
      blockTime: new Date(Number(minedIn.timestamp) * 1000),
    });
    expect(rows[0].amount.toFixed()).toBe("1500000000000000000");

    // A transfer that a reorg then drops: indexed, the chain reverted, another one mined instead.
    // (Sent by a holder outside the stack: the registry's own transactions are replayed from its log.)
    const holder = new Wallet(anvilKey(8), provider());
    await mintCredits({ tokenAddress: project.contractAddress, tokenId: "1", to: holder.address, amount: "5" });
    const snapshot = await anvil("evm_snapshot");
    const dropped = (
      await carbonCredit(project.contractAddress, holder).safeTransferFrom(
        holder.address,
        wallet,
        1n,
        parseUnits("2", 18),
        "0x",
      )
    ).hash as string;
    await anvil("evm_mine");
    await indexHoldings({ confirmations: 0 });
    expect(await prisma.cmTransfer.count({ where: { txHash: dropped.toLowerCase() } })).toBe(1);
    await anvil("evm_revert", [snapshot]);
    const replacing = await mint("0.25");
    await indexHoldings({ confirmations: 0 });
    const after = await prisma.cmTransfer.findMany({ where: { userId: user.id }, orderBy: { blockNumber: "asc" } });
    expect(after.map((r) => [r.txHash, r.amount.toFixed()])).toEqual([
      [kept.toLowerCase(), "1500000000000000000"],
      [replacing.toLowerCase(), "250000000000000000"],
    ]);
    expect((await prisma.cmHolding.findFirstOrThrow({ where: { userId: user.id } })).amount.toFixed()).toBe(
      "1750000000000000000",
    );
  });
});
