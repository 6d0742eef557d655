// Accepted transfers on a CarbonCredit version 2 contract leave as `moveBatch` transactions: each
// request ends with its own state, the batch's hash and its index in it; one bad move never fails
// the others; a crash at any point finishes each request exactly once.
import { Interface, Wallet, parseUnits } from "ethers";
import { afterAll, describe, expect, it } from "vitest";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { operatorWallet } from "@/lib/chain/operator";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { creditContract } from "@/lib/registry/projects";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { BATCH_PURPOSE } from "@/lib/registry/requests/move-batch";
import { processRequests } from "@/lib/registry/requests/process-request";
import { orgWithV1Credits } from "@/lib/testing/carbon-credit-v1";
import { orgWithCredits } from "@/lib/testing/registry-api";

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const E15 = 10n ** 15n;
const iface = new Interface(CARBON_CREDIT_ABI);

describe("accepted transfers leave as move batches (contract version 2)", async () => {
  const a = await orgWithCredits("moves");
  const other = await orgWithCredits("movesOther");
  const balanceOf = async (addr: string, token = a.credit.tokenAddress) =>
    (await creditContract(token).balanceOf(addr, 1n)) as bigint;
  type TOrg = { org: { id: string }; credit: { id: string }; admin: { id: string } };
  const accepted = async (n: number, opts: { org?: TOrg; amount?: string; to?: (i: number) => string } = {}) => {
    const org = opts.org ?? a;
    const to = Wallet.createRandom().address;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await createRequest({
        organizationId: org.org.id,
        action: "transfer",
        input: { creditId: org.credit.id, amount: opts.amount ?? "0.001", toAddress: opts.to?.(i) ?? to },
      });
      await acceptRequest({ requestId: r.id, userId: org.admin.id });
      ids.push(r.id);
    }
    return { to, ids };
  };
  const rows = (ids: string[]) =>
    prisma.icrCreditRequest.findMany({
      where: { id: { in: ids } },
      orderBy: [{ txNonce: "asc" }, { batchIndex: "asc" }],
    });
  const batchTxs = (hashes: string[]) =>
    prisma.chainTx.findMany({ where: { hash: { in: hashes }, purpose: BATCH_PURPOSE } });

  it("requests on one contract go out as one transaction; each is processed with its hash and its own index", async () => {
    const { to, ids } = await accepted(12);
    const elsewhere = await accepted(3, { org: other });
    await processRequests([...ids, ...elsewhere.ids]);
    const done = await rows(ids);
    expect(done.map((r) => r.state)).toEqual(Array(12).fill("processed"));
    expect(new Set(done.map((r) => r.txId)).size).toBe(1);
    expect(done.map((r) => r.batchIndex)).toEqual([...Array(12).keys()]);
    expect(done.every((r) => r.signedTx === null)).toBe(true);
    const receipt = await provider().getTransactionReceipt(done[0].txId!);
    expect(receipt?.status).toBe(1);
    expect(iface.parseTransaction((await provider().getTransaction(done[0].txId!))!)?.name).toBe("moveBatch");
    expect(await batchTxs([done[0].txId!])).toHaveLength(1); // stored in the chain log
    expect(await balanceOf(to)).toBe(12n * E15);
    // Another project contract: its own batch.
    const theirs = await rows(elsewhere.ids);
    expect(theirs.map((r) => r.state)).toEqual(Array(3).fill("processed"));
    expect(new Set(theirs.map((r) => r.txId)).size).toBe(1);
    expect(theirs[0].txId).not.toBe(done[0].txId);
    expect(await balanceOf(elsewhere.to, other.credit.tokenAddress)).toBe(3n * E15);
  });

  it("a move short of balance on chain is skipped: that request fails with the reason, the others are processed", async () => {
    const d = await orgWithCredits("movesShort"); // its own: it ends almost empty
    const small = await accepted(3, { org: d });
    const big = await accepted(1, { org: d, amount: "5" });
    const more = await accepted(2, { org: d });
    const ids = [...small.ids, ...big.ids, ...more.ids];
    // The chain changes behind the registry's back after the batch is stored, before it is sent:
    // the organization's address itself sends away all but 0.01 of its credits.
    const drain = async () => {
      const held = await balanceOf(d.address, d.credit.tokenAddress);
      const p = provider();
      await p.send("anvil_impersonateAccount", [d.address]);
      await p.send("anvil_setBalance", [d.address, "0x8ac7230489e80000"]);
      const data = iface.encodeFunctionData("safeTransferFrom", [
        d.address,
        Wallet.createRandom().address,
        1n,
        held - parseUnits("0.01", 18),
        "0x",
      ]);
      const hash = await p.send("eth_sendTransaction", [{ from: d.address, to: d.credit.tokenAddress, data }]);
      await p.waitForTransaction(hash);
      await p.send("anvil_stopImpersonatingAccount", [d.address]);
    };
    await processRequests(ids, { afterPersist: drain });
    const byId = new Map((await rows(ids)).map((r) => [r.id, r]));
    const hash = byId.get(big.ids[0])!.txId!;
    expect(byId.get(big.ids[0])).toMatchObject({
      state: "failed",
      batchIndex: 3,
      failureReason: expect.stringMatching(
        new RegExp(`batch transaction ${hash} left this move out: The organization's address holds less`),
      ),
    });
    for (const id of [...small.ids, ...more.ids])
      expect(byId.get(id)).toMatchObject({ state: "processed", txId: hash });
    expect(await balanceOf(small.to, d.credit.tokenAddress)).toBe(3n * E15);
    expect(await balanceOf(more.to, d.credit.tokenAddress)).toBe(2n * E15);
  });

  it("a batch a receiver contract makes revert is split and sent again: the others are processed, that one fails with the contract's reason", async () => {
    const receiver = other.credit.tokenAddress; // a contract that does not accept ERC-1155 credits
    const { ids } = await accepted(7, { to: (i) => (i === 4 ? receiver : Wallet.createRandom().address) });
    await processRequests(ids);
    const done = await rows(ids);
    const bad = done.find((r) => r.toAddress === receiver)!;
    expect(bad).toMatchObject({
      state: "failed",
      failureReason: expect.stringMatching(
        /reverted: The credit contract refused the transaction \(ERC1155InvalidReceiver\)/,
      ),
    });
    const good = done.filter((r) => r !== bad);
    expect(good.map((r) => r.state)).toEqual(Array(6).fill("processed"));
    expect(new Set(good.map((r) => r.txId)).size).toBeLessThan(6); // still batched after the split
    for (const r of good) expect(await balanceOf(r.toAddress!)).toBe(E15);
    expect(await balanceOf(receiver)).toBe(0n);
  });

  it("a worker killed after storing a batch, or after sending it, resumes without sending anything twice", async () => {
    for (const crash of ["afterPersist", "afterBroadcast"] as const) {
      const nonceBefore = await provider().getTransactionCount(operatorWallet().address, "latest");
      const { to, ids } = await accepted(6);
      await expect(processRequests(ids, { [crash]: () => Promise.reject(new Error("killed")) })).rejects.toThrow(
        "killed",
      );
      const stored = await rows(ids);
      expect(stored.every((r) => r.state === "pending_onchain" && r.txId === stored[0].txId)).toBe(true);
      expect(stored.map((r) => r.batchIndex)).toEqual([...Array(6).keys()]);
      expect(await batchTxs([stored[0].txId!])).toHaveLength(1);
      if (crash === "afterPersist") expect(await balanceOf(to)).toBe(0n);
      await Promise.all([processRequests([...ids].reverse()), processRequests(ids.slice(3))]);
      await processRequests(ids);
      const done = await rows(ids);
      expect(done.map((r) => r.state)).toEqual(Array(6).fill("processed"));
      expect(done.map((r) => r.txId)).toEqual(stored.map((r) => r.txId)); // the same transaction
      expect(await balanceOf(to)).toBe(6n * E15);
      expect(await provider().getTransactionCount(operatorWallet().address, "latest")).toBe(nonceBefore + 1);
    }
  });

  it("requests another worker claimed after this one prepared its batch are left to it; the rest still go out, each once", async () => {
    const nonceBefore = await provider().getTransactionCount(operatorWallet().address, "latest");
    const { to, ids } = await accepted(6);
    // This worker reads and encodes all six; before it takes the operator lock, another sends the first three.
    await processRequests(ids, { afterPrepare: () => processRequests(ids.slice(0, 3)) });
    const done = await rows(ids);
    expect(done.map((r) => r.state)).toEqual(Array(6).fill("processed"));
    const [theirs, mine] = [
      done.filter((r) => ids.slice(0, 3).includes(r.id)),
      done.filter((r) => ids.slice(3).includes(r.id)),
    ];
    expect(new Set(theirs.map((r) => r.txId)).size).toBe(1);
    expect(new Set(mine.map((r) => r.txId)).size).toBe(1);
    expect(mine[0].txId).not.toBe(theirs[0].txId);
    expect(mine.map((r) => r.batchIndex)).toEqual([0, 1, 2]); // a batch of the three left, planned again
    expect(await balanceOf(to)).toBe(6n * E15);
    expect(await provider().getTransactionCount(operatorWallet().address, "latest")).toBe(nonceBefore + 2);
  });

  it("a stored batch whose nonce went to another transaction is signed afresh for all its requests, and sent once", async () => {
    const { to, ids } = await accepted(3);
    await expect(processRequests(ids, { afterPersist: () => Promise.reject(new Error("killed")) })).rejects.toThrow(
      "killed",
    );
    const stored = await rows(ids);
    const outside = new Wallet(process.env.REGISTRY_OPERATOR_KEY!, provider());
    await (await outside.sendTransaction({ to: outside.address, value: 0n, nonce: stored[0].txNonce! })).wait();
    await processRequests(ids);
    const done = await rows(ids);
    expect(done.map((r) => r.state)).toEqual(Array(3).fill("processed"));
    expect(new Set(done.map((r) => r.txId)).size).toBe(1);
    expect(done[0].txId).not.toBe(stored[0].txId);
    expect(done[0].txNonce!).toBeGreaterThan(stored[0].txNonce!);
    expect((await prisma.chainTx.findUniqueOrThrow({ where: { hash: stored[0].txId! } })).dropped).toBe(true);
    expect(await balanceOf(to)).toBe(3n * E15);
  });

  it("a contract deployed before version 2 keeps one transaction per request beside the batches", async () => {
    const v1 = await orgWithV1Credits("movesV1");
    const old = await accepted(3, { org: v1 });
    const fresh = await accepted(3);
    await processRequests([...old.ids, ...fresh.ids]);
    const oldRows = await rows(old.ids);
    expect(oldRows.map((r) => r.state)).toEqual(Array(3).fill("processed"));
    expect(new Set(oldRows.map((r) => r.txId)).size).toBe(3);
    expect(oldRows.every((r) => r.batchIndex === null)).toBe(true);
    expect(new Set((await rows(fresh.ids)).map((r) => r.txId)).size).toBe(1);
    expect(await balanceOf(old.to, v1.credit.tokenAddress)).toBe(3n * E15);
  });
});
