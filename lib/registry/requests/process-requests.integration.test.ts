import { afterAll, describe, expect, it } from "vitest";
import { Wallet } from "ethers";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { creditContract, mintCredits } from "@/lib/registry/projects";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { processRequests } from "@/lib/registry/requests/process-request";
import { boss } from "@/lib/jobs/boss";
import { orgWithV1Credits } from "@/lib/testing/carbon-credit-v1";

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const E15 = 10n ** 15n;

// On a project contract deployed before version 2 (no moveBatch) each request is its own
// transaction; batches of moves are tested in move-batches.integration.test.ts.
describe("processing accepted requests in batches, one transaction per request (contract version 1)", async () => {
  const a = await orgWithV1Credits("batch");
  const balanceOf = async (addr: string) => (await creditContract(a.credit.tokenAddress).balanceOf(addr, 1n)) as bigint;
  /** `n` accepted transfers of 0.001 each to a fresh wallet. */
  const accepted = async (n: number) => {
    const to = Wallet.createRandom().address;
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
  const rows = (ids: string[]) =>
    prisma.icrCreditRequest.findMany({ where: { id: { in: ids } }, orderBy: { txNonce: "asc" } });

  it("sends a batch with consecutive nonces and processes each request once", async () => {
    const { to, ids } = await accepted(23); // several chunks
    await processRequests(ids);
    const done = await rows(ids);
    expect(done.map((r) => r.state)).toEqual(Array(23).fill("processed"));
    const nonces = done.map((r) => r.txNonce!);
    expect(nonces).toEqual(nonces.map((_, i) => nonces[0] + i));
    expect(new Set(done.map((r) => r.txId)).size).toBe(23);
    expect(await balanceOf(to)).toBe(23n * E15);
  });

  it("a worker killed after storing a batch's signed txs resumes without sending any twice", async () => {
    for (const crash of ["afterPersist", "afterBroadcast"] as const) {
      const { to, ids } = await accepted(4);
      await expect(processRequests(ids, { [crash]: () => Promise.reject(new Error("killed")) })).rejects.toThrow(
        "killed",
      );
      const stored = await rows(ids);
      expect(stored.every((r) => r.state === "pending_onchain" && r.signedTx && r.txId)).toBe(true);
      if (crash === "afterPersist") expect(await balanceOf(to)).toBe(0n);
      await processRequests([...ids].reverse()); // recovery does not depend on the order of the jobs
      await processRequests(ids);
      expect((await rows(ids)).map((r) => r.state)).toEqual(Array(4).fill("processed"));
      expect((await rows(ids)).map((r) => r.txId)).toEqual(stored.map((r) => r.txId)); // the same transactions, resent
      expect(await balanceOf(to)).toBe(4n * E15);
    }
  });

  it("a stored transaction never broadcast is sent as stored; the next batch takes the nonces after it", async () => {
    const a1 = await accepted(2);
    await expect(processRequests(a1.ids, { afterPersist: () => Promise.reject(new Error("killed")) })).rejects.toThrow(
      "killed",
    );
    const stored = await rows(a1.ids);
    const b = await accepted(3);
    await processRequests(b.ids); // the logged transactions are replayed first, never overtaken
    expect((await rows(b.ids)).map((r) => r.txNonce)).toEqual([1, 2, 3].map((i) => stored[1].txNonce! + i));
    await processRequests(a1.ids);
    const done = await rows(a1.ids);
    expect(done.map((r) => r.state)).toEqual(["processed", "processed"]);
    expect(done.map((r) => r.txId)).toEqual(stored.map((r) => r.txId));
    expect(await balanceOf(a1.to)).toBe(2n * E15);
    expect(await balanceOf(b.to)).toBe(3n * E15);
  });

  it("a stored transaction whose nonce went to another (sent outside the stack) is signed afresh, and still sent once", async () => {
    const a1 = await accepted(2);
    await expect(processRequests(a1.ids, { afterPersist: () => Promise.reject(new Error("killed")) })).rejects.toThrow(
      "killed",
    );
    const stored = await rows(a1.ids);
    const outside = new Wallet(process.env.REGISTRY_OPERATOR_KEY!, provider());
    await (await outside.sendTransaction({ to: outside.address, value: 0n, nonce: stored[0].txNonce! })).wait();
    await processRequests(a1.ids);
    const done = await rows(a1.ids);
    expect(done.map((r) => r.state)).toEqual(["processed", "processed"]);
    const byId = new Map(done.map((r) => [r.id, r]));
    expect(byId.get(stored[0].id)!.txId).not.toBe(stored[0].txId);
    expect(byId.get(stored[0].id)!.txNonce!).toBeGreaterThan(stored[1].txNonce!);
    expect(byId.get(stored[1].id)!.txId).toBe(stored[1].txId);
    expect(await balanceOf(a1.to)).toBe(2n * E15);
  });

  it("two workers on the same batch process each request once", async () => {
    const { to, ids } = await accepted(5);
    await Promise.all([processRequests(ids), processRequests([...ids].reverse()), processRequests(ids.slice(2))]);
    expect((await rows(ids)).map((r) => r.state)).toEqual(Array(5).fill("processed"));
    expect(await balanceOf(to)).toBe(5n * E15);
  });

  it("a request the address cannot cover fails with a reason; a reverted transaction fails with the contract's reason; the rest go through", async () => {
    const { to, ids } = await accepted(2);
    const base = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: ids[0] } });
    const copy = { ...base, id: undefined, createdAt: undefined, updatedAt: undefined };
    // Rows made behind the reservation's back, as if the chain had changed under the registry.
    const tooMuch = await prisma.icrCreditRequest.create({ data: { ...copy, amount: "1000" } });
    const outsider = Wallet.createRandom().address; // holds credits but never approved the operator
    await mintCredits({ tokenAddress: a.credit.tokenAddress, tokenId: a.credit.tokenId, to: outsider, amount: "1" });
    const unapproved = await prisma.icrCreditRequest.create({ data: { ...copy, fromAddress: outsider } });
    await processRequests([...ids, tooMuch.id, unapproved.id]);
    const byId = new Map((await rows([...ids, tooMuch.id, unapproved.id])).map((r) => [r.id, r]));
    expect(byId.get(tooMuch.id)).toMatchObject({
      state: "failed",
      txId: null,
      failureReason: expect.stringMatching(/holds less/),
    });
    expect(byId.get(unapproved.id)).toMatchObject({
      state: "failed",
      failureReason: expect.stringMatching(
        /reverted: The credit contract refused the transaction \(ERC1155MissingApprovalForAll\)/,
      ),
    });
    expect(ids.map((id) => byId.get(id)!.state)).toEqual(["processed", "processed"]);
    expect(await balanceOf(to)).toBe(2n * E15);
    expect(await balanceOf(outsider)).toBe(10n ** 18n);
  });
});
