import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { indexHoldings } from "@/lib/carbonmark/portfolio/index-holdings";
import { reconcileUser, type TAskIcr } from "@/lib/carbonmark/reconciliation/reconcile-user";
import { reconciliationGapCounter } from "@/lib/reconciliation/reconciliation-alert";
import type { TIcrTransaction } from "@/lib/icr/schemas";
import { mintCredits } from "@/lib/registry/projects";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureProject } from "@/lib/seed/registry-factories";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

// Finality by depth: a transfer is final 3 blocks deep. ICR's GET /projects is a stand-in.
let icr: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  icr = await startLocalServer(async (req, res) =>
    req.url === "/projects" ? sendIcrProjects(res) : sendJson(res, 404, { message: "unknown" }),
  );
  process.env.ICR_API_URL = icr.url;
  process.env.CHAIN_FINALITY = "depth";
  process.env.INDEXER_CONFIRMATIONS = "3";
});
afterAll(() => icr.close());

const ORG = "00000000-0000-4000-8000-0000000000aa";
const req = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const mine = (blocks: number) =>
  fetch(process.env.CHAIN_RPC_URL!, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_mine", params: [`0x${blocks.toString(16)}`] }),
  });

describe("a Carbonmark user's reconciliation of chain, ledger and ICR", () => {
  it("itemizes exactly the request awaiting approval, the transfer not yet final, the dropped webhook and the balance changed behind the app's back; only the last alerts", async () => {
    const user = await ensureCmUser({ email: "recon@test.test", name: "Rae", password: "pw-123456", pin: "123456" });
    const wallet = user.wallet!.address;
    const project = await ensureProject({ num: "recon-1", fullName: "Reconciled Forest", countryCode: "IS" });
    const creditId = `exPost-1-${project.contractAddress}`;
    const base = {
      userId: user.id,
      organizationId: ORG,
      creditId,
      projectName: "Reconciled Forest",
      serialization: "ICR-ISL-recon-1",
      vintage: "2024",
      toAddress: wallet,
    };
    const mint = async (amount: string) =>
      (await mintCredits({ tokenAddress: project.contractAddress, tokenId: "1", to: wallet, amount })).hash;

    // 1. An import that arrived as it should (no difference).
    const arrivedTx = await mint("10");
    await prisma.cmImport.create({
      data: {
        ...base,
        idempotencyKey: "r-ok",
        amount: "10",
        state: "processed",
        txId: arrivedTx,
        icrTransactionId: req(1),
      },
    });
    // 2. A dropped webhook: ICR processed the request and the credits arrived, but Carbonmark never heard.
    const droppedTx = await mint("2.5");
    await prisma.cmImport.create({
      data: { ...base, idempotencyKey: "r-drop", amount: "2.5", state: "pending_queue", icrTransactionId: req(2) },
    });
    // 3. A request awaiting an admin's approval.
    await prisma.cmImport.create({
      data: { ...base, idempotencyKey: "r-wait", amount: "4", state: "pending_request", icrTransactionId: req(3) },
    });
    // 4. A balance changed behind the app's back: credits minted to the wallet with no request at all.
    const strayTx = await mint("0.001");
    await mine(5);
    // 5. An import whose transfer is not yet final (the newest block, 3 deep needed).
    const recentTx = await mint("1");
    await prisma.cmImport.create({
      data: {
        ...base,
        idempotencyKey: "r-new",
        amount: "1",
        state: "processed",
        txId: recentTx,
        icrTransactionId: req(5),
      },
    });
    await indexHoldings({ confirmations: 0, freshList: true });
    expect(await prisma.cmTransfer.count({ where: { userId: user.id } })).toBe(4);
    await indexHoldings({ confirmations: 0 }); // a pass re-reading the same blocks counts nothing twice
    expect(await prisma.cmTransfer.count({ where: { userId: user.id } })).toBe(4);
    expect(
      (await prisma.cmTransfer.findFirstOrThrow({ where: { txHash: strayTx } })).blockTime.getTime(),
    ).toBeGreaterThan(0);

    const icrSays: Record<string, Partial<TIcrTransaction>> = {
      [req(2)]: { state: "processed", txId: droppedTx },
      [req(3)]: { state: "pending_request", txId: null },
    };
    const askIcr: TAskIcr = async (_userId, requests) =>
      new Map(
        requests.map((r) => [
          r.icrTransactionId,
          { id: r.icrTransactionId, ...icrSays[r.icrTransactionId] } as TIcrTransaction,
        ]),
      );
    const gapsBefore =
      (await reconciliationGapCounter().get()).values.find((v) => v.labels.side === "carbonmark")?.value ?? 0;

    const result = await reconcileUser(user.id, { askIcr });
    expect(result.icrUnavailable).toBeNull();
    expect(result.assets).toHaveLength(1);
    const [a] = result.assets;
    expect(a).toMatchObject({
      creditId,
      projectName: "Reconciled Forest",
      chain: "13.501",
      ledger: "11",
      icr: "13.5",
      agrees: false,
    });
    expect(a.differences.map((d) => [d.reason, d.amount, d.direction, d.txHash ?? d.icrRequestId])).toEqual(
      expect.arrayContaining([
        ["webhook_not_received", "2.5", "in", droppedTx],
        ["awaiting_approval", "4", "in", req(3)],
        ["unexplained", "0.001", "in", strayTx],
        ["not_final", "1", "in", recentTx],
      ]),
    );
    expect(a.differences).toHaveLength(4);
    expect(result.unexplained).toBe(1);

    // The unexplained one alerts: a mail to the operator, the metric; a second look alerts no more.
    const mails = await prisma.cmMailOutbox.findMany({ where: { recipient: "operator@carbonmark.test" } });
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(strayTx);
    const gapsAfter = (await reconciliationGapCounter().get()).values.find(
      (v) => v.labels.side === "carbonmark",
    )!.value;
    expect(gapsAfter - gapsBefore).toBe(1);
    await reconcileUser(user.id, { askIcr });
    expect(await prisma.cmMailOutbox.count({ where: { recipient: "operator@carbonmark.test" } })).toBe(1);
    // Nothing was "fixed": the import whose webhook was dropped is as it was.
    expect((await prisma.cmImport.findUniqueOrThrow({ where: { idempotencyKey: "r-drop" } })).state).toBe(
      "pending_queue",
    );

    // Deep enough, the recent transfer is final and agrees.
    await mine(3);
    await new Promise((r) => setTimeout(r, 300)); // the final block is read at most every 250 ms
    const later = await reconcileUser(user.id, { askIcr });
    expect(later.assets[0].differences.map((d) => d.reason).sort()).toEqual([
      "awaiting_approval",
      "unexplained",
      "webhook_not_received",
    ]);
  });

  it("a disconnected user sees chain and ledger, and is told why ICR's view is missing", async () => {
    const user = await ensureCmUser({ email: "recon-2@test.test", name: "Dee", password: "pw-123456", pin: "123456" });
    const result = await reconcileUser(user.id);
    expect(result.icrUnavailable).toMatch(/not connected to ICR/);
    expect(result.assets.every((a) => a.icr === null)).toBe(true);
  });
});
