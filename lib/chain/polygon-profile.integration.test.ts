// The stack on a chain that behaves like Polygon (2 s blocks, a `finalized` tag a few blocks back,
// a provider that caps eth_getLogs, reorgs, base-fee spikes), reached through the RPC proxy.
import { startPolygonChain } from "@/lib/testing/polygon-chain";
const chain = await startPolygonChain();

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Interface, parseUnits, Transaction, Wallet } from "ethers";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { indexHoldings, syncHolding } from "@/lib/carbonmark/portfolio/index-holdings";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { anvilKey } from "@/lib/stack/chain";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { balanceKey, readBalances } from "@/lib/registry/inventory/chain-balances";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { processRequests } from "@/lib/registry/requests/process-request";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { orgWithCredits } from "@/lib/testing/registry-api";
import { orgWithV1Credits } from "@/lib/testing/carbon-credit-v1";

const GWEI = 1_000_000_000n;
const E18 = 10n ** 18n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TRANSFER_SINGLE = new Interface(CARBON_CREDIT_ABI).getEvent("TransferSingle")!.topicHash;

let icr: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  icr = await startLocalServer(async (req, res) =>
    req.url === "/projects" ? sendIcrProjects(res) : sendJson(res, 404, { message: "unknown" }),
  );
  process.env.ICR_API_URL = icr.url;
});
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
  await icr.close();
});

type TOrgWithCredits = {
  org: { id: string };
  address: string;
  credit: { id: string; tokenAddress: string };
  admin: { id: string };
};

/** An organization with 10 credits, a Carbonmark user, and an accepted transfer of `amount` to the user's wallet. */
async function acceptedTransfer(
  label: string,
  amount: string,
  withCredits: (label: string) => Promise<TOrgWithCredits> = orgWithCredits,
) {
  const a = await withCredits(label);
  const user = await ensureCmUser({ email: `${label}@test.local`, name: "U", password: "password-123", pin: "123456" });
  const to = user.wallet!.address;
  const r = await createRequest({
    organizationId: a.org.id,
    action: "transfer",
    input: { creditId: a.credit.id, amount, toAddress: to },
  });
  await acceptRequest({ requestId: r.id, userId: a.admin.id });
  return { a, user, to, requestId: r.id };
}

/** TransferSingle events of the final chain that moved credits into `to`. */
async function transfersInto(tokenAddress: string, to: string) {
  const logs = await provider().getLogs({
    address: tokenAddress,
    fromBlock: 0,
    toBlock: "finalized",
    topics: [TRANSFER_SINGLE, null, null, "0x" + to.slice(2).toLowerCase().padStart(64, "0")],
  });
  return logs.length;
}

describe("on the Polygon profile", () => {
  it("a request's transfer that a reorg dropped is sent again and ends processed once; balances and holdings converge", async () => {
    const { a, user, to, requestId } = await acceptedTransfer("reorg", "2");
    await indexHoldings({ freshList: true });
    const processing = processRequests([requestId]);

    // Mined, not final yet: the request is not processed, the wallet shows nothing.
    let mined: { blockNumber: number } | null = null;
    while (!mined) {
      const row = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } });
      mined = row.txId ? await provider().getTransactionReceipt(row.txId) : null;
      if (!mined) await sleep(100);
    }
    const firstTx = (await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } })).txId!;
    expect(await chain.finalized()).toBeLessThan(mined.blockNumber);
    expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe(
      "pending_onchain",
    );
    // A reader at depth 0 would count it now …
    await indexHoldings({ confirmations: 0 });
    expect((await getHoldings({ userId: user.id, address: to })).map((h) => h.amount)).toEqual(["2"]);

    // … then a reorg takes its block away (and the transaction with it).
    await chain.proxy.reorg((await chain.head()) - mined.blockNumber + 1);
    expect(await provider().getTransactionReceipt(firstTx)).toBeNull();
    await indexHoldings({ confirmations: 0 });
    expect(await getHoldings({ userId: user.id, address: to })).toEqual([]);

    await processing;
    const done = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(done.state).toBe("processed");
    expect(done.txId).toBe(firstTx); // the same signed bytes, re-broadcast
    const receipt = await provider().getTransactionReceipt(done.txId!);
    expect(receipt!.blockNumber).toBeLessThanOrEqual(await chain.finalized());
    expect(await transfersInto(a.credit.tokenAddress, to)).toBe(1);

    // The registry's chain balances and Carbonmark's holdings agree: moved once.
    const balances = await readBalances([a.address, to], [{ tokenAddress: a.credit.tokenAddress, tokenId: "1" }]);
    expect(balances.get(balanceKey(a.address, a.credit.tokenAddress, "1"))).toBe(8n * E18);
    expect(balances.get(balanceKey(to, a.credit.tokenAddress, "1"))).toBe(2n * E18);
    await indexHoldings();
    expect((await getHoldings({ userId: user.id, address: to })).map((h) => h.amount)).toEqual(["2"]);
  }, 120_000);

  it("the indexer asks again in halves when the provider refuses a range for too many results", async () => {
    const { to, requestId, user } = await acceptedTransfer("halves", "1");
    await processRequests([requestId]);
    await indexHoldings({ freshList: true }); // ICR lists the new project
    chain.proxy.faults.maxLogResults = 0; // every non-empty answer is refused, as Infura does past 10,000
    const calls = chain.proxy.calls.length;
    await prisma.cmIndexCursor.deleteMany();
    await expect(indexHoldings()).rejects.toThrow(/more than 0 results/); // a single block cannot be halved
    chain.proxy.faults.maxLogResults = 1;
    await prisma.cmIndexCursor.deleteMany();
    await indexHoldings();
    expect(chain.proxy.calls.slice(calls).filter((m) => m === "eth_getLogs").length).toBeGreaterThan(2);
    expect((await getHoldings({ userId: user.id, address: to })).map((h) => h.amount)).toEqual(["1"]);
    chain.proxy.faults.maxLogResults = 10_000;
  }, 120_000);

  it("a wallet's own send shows at once and the indexer's read at the older final block does not undo it", async () => {
    const { requestId, user, to } = await acceptedTransfer("own-send", "2");
    await processRequests([requestId]);
    await indexHoldings({ freshList: true });
    const [holding] = await getHoldings({ userId: user.id, address: to });
    expect(holding.amount).toBe("2");
    const funder = new Wallet(anvilKey(8), provider());
    await (await funder.sendTransaction({ to, value: parseUnits("1", 18) })).wait();
    const own = (await unlockWallet({ userId: user.id, pin: "123456" })).connect(provider());
    await (
      await carbonCredit(holding.tokenAddress, own).safeTransferFrom(
        to,
        funder.address,
        1n,
        parseUnits("0.5", 18),
        "0x",
      )
    ).wait();
    await syncHolding({ userId: user.id, address: to, creditId: holding.creditId });
    expect((await getHoldings({ userId: user.id, address: to })).map((h) => h.amount)).toEqual(["1.5"]);
    await indexHoldings(); // reads at the final block, still before the send
    expect((await getHoldings({ userId: user.id, address: to })).map((h) => h.amount)).toEqual(["1.5"]);
  }, 120_000);

  // A batch's transaction (contract version 2, a batch of one) and a lone request's own (version 1): one path.
  it.each([
    ["in a move batch", "spike", orgWithCredits],
    ["sent alone", "spikeV1", orgWithV1Credits],
  ] as const)(
    "a transfer %s stuck under a base-fee spike is replaced with the same nonce at a higher fee, logged first",
    async (_, label, withCredits) => {
      const { a, to, requestId } = await acceptedTransfer(label, "3", withCredits);
      const spike = async () => {
        // The next block's base fee jumps to 100 gwei, or more: far above what the stored transaction
        // offers (an earlier spike may have left the base fee, and so its offer, high).
        const stored = await prisma.chainTx.findFirstOrThrow({ where: { ref: requestId } });
        const offer = Transaction.from(stored.signedTx).maxFeePerGas!;
        const base = [100n * GWEI, offer * 4n].reduce((x, y) => (x > y ? x : y));
        await chain.rpc("anvil_setNextBlockBaseFeePerGas", [`0x${base.toString(16)}`]);
        const start = await chain.head();
        while ((await chain.head()) <= start) await sleep(200);
      };
      await processRequests([requestId], { afterPersist: spike }).catch(() => undefined); // retried below, as the queue does
      let state = (await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } })).state;
      for (let i = 0; i < 5 && state !== "processed"; i++) {
        await processRequests([requestId]).catch(() => undefined);
        state = (await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } })).state;
      }
      expect(state).toBe("processed");

      const logged = await prisma.chainTx.findMany({ where: { ref: requestId }, orderBy: { seq: "asc" } });
      expect(logged.length).toBeGreaterThanOrEqual(2);
      const [first, last] = [Transaction.from(logged[0].signedTx), Transaction.from(logged.at(-1)!.signedTx)];
      expect(last.nonce).toBe(first.nonce);
      expect(last.maxFeePerGas! > first.maxFeePerGas!).toBe(true);
      expect(last.maxFeePerGas! <= 5_000n * GWEI).toBe(true);
      expect(logged.slice(0, -1).every((t) => t.dropped)).toBe(true);
      expect(logged.at(-1)!.dropped).toBe(false);
      const done = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: requestId } });
      expect(done.txId).toBe(logged.at(-1)!.hash);
      expect(await transfersInto(a.credit.tokenAddress, to)).toBe(1);
      expect(
        (await readBalances([to], [{ tokenAddress: a.credit.tokenAddress, tokenId: "1" }])).get(
          balanceKey(to, a.credit.tokenAddress, "1"),
        ),
      ).toBe(3n * E18);
    },
    180_000,
  );
});
