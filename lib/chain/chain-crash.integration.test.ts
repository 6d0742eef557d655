// Fault tests: the local chain is killed (kill -9) right after a batch is processed, before its
// next snapshot, and restarted from its last snapshot (or from nothing, when the snapshot on disk
// is truncated). The worker's start-up replay must bring back every transaction the database
// calls processed, at the same addresses, sending nothing twice.
import { readdirSync } from "node:fs";
import { Wallet } from "ethers";
import { afterAll, describe, expect, it } from "vitest";
import { startChainGuard } from "@/lib/chain/chain-guard";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { operatorWallet } from "@/lib/chain/operator";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { creditContract } from "@/lib/registry/projects";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { processRequests } from "@/lib/registry/requests/process-request";
import { startCrashableChain } from "@/lib/testing/crashable-chain";
import { orgWithCredits } from "@/lib/testing/registry-api";

const chain = await startCrashableChain();
const { killAndRestart, recover, stateDir, logLines } = chain;

afterAll(async () => {
  await chain.stop();
  await closeOperatorLock();
});

const E15 = 10n ** 15n;

describe("the chain and the database agree after a crash of the chain", async () => {
  const a = await orgWithCredits("crash");
  const balanceOf = async (addr: string) => (await creditContract(a.credit.tokenAddress).balanceOf(addr, 1n)) as bigint;
  const accepted = async (n: number, to = Wallet.createRandom().address) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await createRequest({
        organizationId: a.org.id,
        action: "transfer",
        input: { creditId: a.credit.id, amount: "0.001", toAddress: to },
      });
      await acceptRequest({ requestId: r.id, userId: a.admin.id });
      ids.push(r.id);
    }
    return { to, ids };
  };
  /** Every processed request's transaction is mined and succeeded; the operator's nonce equals the logged transactions (none sent twice). */
  const expectChainMatchesDatabase = async () => {
    const processed = await prisma.icrCreditRequest.findMany({
      where: { organizationId: a.org.id, state: "processed" },
    });
    const receipts = await Promise.all(processed.map((r) => provider().getTransactionReceipt(r.txId!)));
    expect(receipts.map((r) => r?.status)).toEqual(processed.map(() => 1));
    const logged = await prisma.chainTx.count({ where: { sender: operatorWallet().address, dropped: false } });
    expect(await provider().getTransactionCount(operatorWallet().address, "latest")).toBe(logged);
    const sent = processed.reduce((sum, r) => sum + BigInt(r.amount.mul(1000).toFixed()) * E15, 0n);
    expect(await balanceOf(a.address)).toBe(10n * 10n ** 18n - sent);
  };

  it("kill -9 of anvil right after a batch: every processed transfer is back on chain after the worker's start-up replay", async () => {
    await chain.snapshot();
    const { to, ids } = await accepted(20);
    await processRequests(ids);
    expect(await balanceOf(to)).toBe(20n * E15);
    await killAndRestart();
    const first = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(first.state).toBe("processed");
    expect(await provider().getTransactionReceipt(first.txId!)).toBeNull(); // the crash lost the window
    expect(await balanceOf(to)).toBe(0n);

    await recover();
    expect(await balanceOf(to)).toBe(20n * E15);
    await expectChainMatchesDatabase();
    const more = await accepted(3);
    await processRequests(more.ids); // and processing goes on
    expect(await balanceOf(more.to)).toBe(3n * E15);
  });

  it("kill -9 of the whole stack (worker after storing a batch, anvil before its snapshot): the restart sends each transfer exactly once", async () => {
    await chain.snapshot();
    const done = await accepted(5);
    await processRequests(done.ids);
    const cut = await accepted(5);
    await expect(processRequests(cut.ids, { afterPersist: () => Promise.reject(new Error("killed")) })).rejects.toThrow(
      "killed",
    );
    const stored = await prisma.icrCreditRequest.findMany({
      where: { id: { in: cut.ids } },
      orderBy: { txNonce: "asc" },
    });
    await killAndRestart();

    await recover();
    await processRequests(cut.ids); // the job's retry after the worker restarts
    const after = await prisma.icrCreditRequest.findMany({
      where: { id: { in: cut.ids } },
      orderBy: { txNonce: "asc" },
    });
    expect(after.map((r) => r.state)).toEqual(Array(5).fill("processed"));
    expect(after.map((r) => r.txId)).toEqual(stored.map((r) => r.txId));
    expect(await balanceOf(done.to)).toBe(5n * E15);
    expect(await balanceOf(cut.to)).toBe(5n * E15);
    await expectChainMatchesDatabase();
  });

  it("while the worker runs, an anvil restarted from an older snapshot is caught up by the worker's periodic check", async () => {
    const guard = await startChainGuard({ intervalMs: 200 });
    try {
      await chain.snapshot();
      const { to, ids } = await accepted(5);
      await processRequests(ids);
      await killAndRestart();
      let held = 0n;
      for (let i = 0; i < 100 && held !== 5n * E15; i++) {
        await new Promise((r) => setTimeout(r, 100));
        held = await balanceOf(to);
      }
      expect(held).toBe(5n * E15);
      await expectChainMatchesDatabase();
    } finally {
      guard.stop();
    }
  });

  it("a truncated state.json is moved aside with a log line; the chain is rebuilt from the log, contracts at the same address", async () => {
    await chain.snapshot();
    await killAndRestart({ truncate: true });
    expect(readdirSync(stateDir).some((f) => f.startsWith("state.json.corrupt-"))).toBe(true);
    expect(logLines.join("\n")).toMatch(/state\.json is unreadable .* rebuilt from the database's transaction log/);
    expect(await provider().getCode(a.credit.tokenAddress)).toBe("0x"); // an empty chain

    await recover();
    expect(await provider().getCode(a.credit.tokenAddress)).not.toBe("0x");
    await expectChainMatchesDatabase();
  });
});
