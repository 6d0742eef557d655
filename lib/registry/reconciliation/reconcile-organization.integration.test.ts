import { Interface, parseUnits, Wallet } from "ethers";
import { afterAll, describe, expect, it, vi } from "vitest";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { sendAsOperator } from "@/lib/chain/operator";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { reconciliationGapCounter } from "@/lib/reconciliation/reconciliation-alert";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { mintCredits } from "@/lib/registry/projects";
import { reconcileOrganization } from "@/lib/registry/reconciliation/reconcile-organization";
import { createRequest } from "@/lib/registry/requests/create-request";
import { ensureIcrUser, ensureIssuance, ensureOrganization, ensureProject } from "@/lib/seed/registry-factories";

// Finality by depth: a transfer is final 3 blocks deep (set before anything reads the config).
process.env.CHAIN_FINALITY = "depth";
process.env.INDEXER_CONFIRMATIONS = "3";
afterAll(() => vi.restoreAllMocks());

const iface = new Interface(CARBON_CREDIT_ABI);
const mine = (blocks: number) =>
  fetch(process.env.CHAIN_RPC_URL!, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_mine", params: [`0x${blocks.toString(16)}`] }),
  });
/** A move of the org's credits by the operator key straight on the contract: no request says so. */
const moveBehindTheRegistrysBack = async (tokenAddress: string, from: string, to: string, amount: string) =>
  (
    await sendAsOperator(
      {
        to: tokenAddress,
        data: iface.encodeFunctionData("safeTransferFrom", [from, to, 1n, parseUnits(amount, 18), "0x"]),
      },
      "test: move behind the registry's back",
    )
  ).hash.toLowerCase();
const operatorMails = () =>
  prisma.icrMailOutbox.findMany({
    where: { recipient: "operator@carbonmark.test", eventKey: { startsWith: "reconciliation-gap:icr:" } },
  });
const gaps = async () =>
  (await reconciliationGapCounter().get()).values.find((v) => v.labels.side === "icr")?.value ?? 0;

describe("an ICR organization's reconciliation of inventory, chain and the registry's ledger", async () => {
  const org = await ensureOrganization({
    fullName: "Reconciled Registry Org",
    countryCode: "IS",
    type: "projectProponent",
  });
  const admin = await ensureIcrUser({
    email: "recon-admin@test.test",
    name: "Rhea Admin",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  const member = await ensureIcrUser({
    email: "recon-member@test.test",
    name: "Mo Member",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "member" }],
  });
  const other = await ensureOrganization({
    fullName: "Someone Else's Org",
    countryCode: "IS",
    type: "projectProponent",
  });
  const otherAdmin = await ensureIcrUser({
    email: "recon-other@test.test",
    name: "Otto Other",
    password: "pw-123456",
    memberships: [{ organizationId: other.id, role: "admin" }],
  });
  const address = org.addresses.find((a) => a.isDefault)!.address;
  const outsider = Wallet.createRandom().address;

  it("itemizes exactly the request awaiting approval, the transfer not yet final and the balance moved behind the registry's back; only the last alerts, once", async () => {
    const project = await ensureProject({ num: "icr-recon-1", fullName: "Reconciled Peatland", countryCode: "IS" });
    const credit = await ensureIssuance({ project, tokenId: 1, vintage: "2024", amount: "10", holder: address });
    // A transfer the registry made and finished (its request is processed): no difference.
    const movedTx = await moveBehindTheRegistrysBack(credit.tokenAddress, address, outsider, "1");
    await prisma.icrCreditRequest.create({
      data: {
        organizationId: org.id,
        action: "transfer",
        type: "exPost",
        creditId: credit.id,
        tokenId: "1",
        tokenAddress: credit.tokenAddress,
        serialization: credit.serialization,
        vintage: "2024",
        amount: "1",
        fromAddress: address,
        toAddress: outsider,
        txId: movedTx,
        state: "processed",
      },
    });
    // 1. A request awaiting an admin's approval (reserves 2).
    const waiting = await createRequest({
      organizationId: org.id,
      action: "transfer",
      input: { creditId: credit.id, amount: "2", toAddress: outsider },
    });
    // 2. A balance changed behind the registry's back: 0.25 moved off the org's address with no request.
    const strayTx = await moveBehindTheRegistrysBack(credit.tokenAddress, address, outsider, "0.25");
    await mine(5);
    // 3. A transfer not yet final: 1 more credit issued to the org in the newest block.
    const recentTx = (
      await mintCredits({ tokenAddress: credit.tokenAddress, tokenId: "1", to: address, amount: "1" })
    ).hash.toLowerCase();

    const mailsBefore = (await operatorMails()).length;
    const gapsBefore = await gaps();
    const errors = vi.spyOn(logger, "error");

    const result = await reconcileOrganization({ organizationId: org.id, userId: admin.id });
    expect(result.assets).toHaveLength(1);
    const [a] = result.assets;
    expect(a).toMatchObject({
      creditId: credit.id,
      projectName: "Reconciled Peatland",
      inventory: { amount: "9.75", reserved: "2", available: "7.75" },
      chain: "8.75",
      ledger: "9",
      agrees: false,
    });
    expect(a.differences.map((d) => [d.reason, d.amount, d.direction, d.txHash ?? d.icrRequestId])).toEqual(
      expect.arrayContaining([
        ["awaiting_approval", "2", "out", waiting.id],
        ["not_final", "1", "in", recentTx],
        ["unexplained", "0.25", "out", strayTx],
      ]),
    );
    expect(a.differences).toHaveLength(3);
    expect(result.unexplained).toBe(1);

    // The unexplained one alerts: an error in the log, the metric, a mail to the operator.
    const mails = await operatorMails();
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.text).toContain(strayTx);
    expect(mails.at(-1)!.subject).toContain("Reconciled Registry Org");
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ side: "icr", isNew: true }),
      "unexplained reconciliation gap",
    );
    expect((await gaps()) - gapsBefore).toBe(1);

    // A second run finds the same gap and alerts no more; nothing was "fixed".
    const again = await reconcileOrganization({ organizationId: org.id, userId: admin.id });
    expect(again.unexplained).toBe(1);
    expect(await operatorMails()).toHaveLength(mailsBefore + 1);
    expect((await gaps()) - gapsBefore).toBe(1);
    expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: waiting.id } })).state).toBe(
      "pending_request",
    );

    // Deep enough, the recent transfer is final and in the ledger: only the other two remain.
    await mine(3);
    await new Promise((r) => setTimeout(r, 300)); // the final block is read at most every 250 ms
    // The moves already read in final blocks are kept: this visit reads the logs of the blocks after them only.
    const getLogs = vi.spyOn(provider(), "getLogs");
    const later = await reconcileOrganization({ organizationId: org.id, userId: admin.id });
    expect(later.assets[0].differences.map((d) => d.reason).sort()).toEqual(["awaiting_approval", "unexplained"]);
    expect(later.assets[0]).toMatchObject({ chain: "9.75", ledger: "10" });
    expect(getLogs).toHaveBeenCalled();
    expect(getLogs.mock.calls.map(([filter]) => Number((filter as { fromBlock?: number }).fromBlock))).not.toContain(0);
    getLogs.mockRestore();
  });

  it("shows nothing to another organization's admin (404) or to a member who is not an admin (403)", async () => {
    await expect(reconcileOrganization({ organizationId: org.id, userId: otherAdmin.id })).rejects.toSatisfy(
      (e) => e instanceof IcrHttpError && e.status === 404,
    );
    await expect(reconcileOrganization({ organizationId: org.id, userId: member.id })).rejects.toSatisfy(
      (e) => e instanceof IcrHttpError && e.status === 403,
    );
    // Their own organization, with nothing in it, reconciles to nothing.
    expect((await reconcileOrganization({ organizationId: other.id, userId: otherAdmin.id })).assets).toEqual([]);
  });
});
