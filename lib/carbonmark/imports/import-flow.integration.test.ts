import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { completeIcrInstall } from "@/lib/carbonmark/connection/complete-install";
import { startIcrInstall } from "@/lib/carbonmark/connection/start-install";
import { refreshImports } from "@/lib/carbonmark/imports/refresh-imports";
import { requestImport } from "@/lib/carbonmark/imports/request-import";
import { getPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { handleIcrWebhook } from "@/lib/carbonmark/webhooks/handle-icr-webhook";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { icrInventoryAnswer } from "@/lib/testing/icr-inventory-answer";

// ICR played by a local HTTP server: installation lookup, tokens, inventory, transfer requests, transactions.
const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
const organizationId = "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01";
const creditId = "exPost-1-0x2222222222222222222222222222222222222222";
const transfers: { id: string; body: Record<string, unknown>; state: string; txId?: string }[] = [];
let icr: Awaited<ReturnType<typeof startLocalServer>>;
/** GET …/transactions/{id} answered: what a portfolio read costs in calls to ICR. */
let transactionReads = 0;

const txShape = (t: (typeof transfers)[number]) => ({
  id: t.id,
  action: "transfer",
  type: "exPost",
  toAddress: t.body.toAddress,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  tokenId: "1",
  tokenAddress: "0x2222222222222222222222222222222222222222",
  creditId,
  serialization: "ICR-ISL-354-78001-1-R-0-2021",
  vintage: "2021",
  amount: Number(t.body.amount),
  fromOrganizationId: organizationId,
  state: t.state,
  txId: t.txId,
});

beforeAll(async () => {
  icr = await startLocalServer((req, res) => {
    const url = req.url ?? "";
    if (url === `/app/installations/${installationId}`) {
      return sendJson(res, 200, {
        id: installationId,
        appId: config().ICR_APP_ID,
        organizationId,
        organization: {
          id: organizationId,
          fullName: "Verdant Forest Holdings",
          countryCode: "IS",
          type: "projectProponent",
          isPublic: true,
          logo: "logo.png",
        },
        permissions: ["organization_info:read", "organization_inventory:read_write"],
        isActive: true,
        createdAt: new Date().toISOString(),
      });
    }
    if (url.startsWith("/app/installations/") && !url.endsWith("/accessTokens"))
      return sendJson(res, 404, { statusCode: 404, error: "Not Found", message: "no such installation" });
    if (url.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_test", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (url === `/organizations/${organizationId}/inventory`) {
      return sendJson(
        res,
        200,
        icrInventoryAnswer(organizationId, [
          {
            id: creditId,
            tokenId: "1",
            tokenAddress: "0x2222222222222222222222222222222222222222",
            serialization: "ICR-ISL-354-78001-1-R-0-2021",
            vintage: "2021",
            amount: 100,
            available: 40,
            projectName: "Icelandic Highlands Reforestation",
          },
        ]),
      );
    }
    if (url === `/organizations/${organizationId}/inventory/action/transfer` && req.method === "POST") {
      const t = { id: randomUUID(), body: JSON.parse(req.body) as Record<string, unknown>, state: "pending_request" };
      transfers.push(t);
      return sendJson(res, 200, txShape(t));
    }
    const m = url.match(/\/transactions\/(.+)$/);
    const t = m && transfers.find((x) => x.id === m[1]);
    if (t) {
      transactionReads++;
      return sendJson(res, 200, txShape(t));
    }
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());

async function user(email: string) {
  return ensureCmUser({ email, name: "I", password: "password-123", pin: "123456" });
}

describe("connect to ICR", () => {
  it("accepts the callback once, for the user who started it, and confirms the installation with ICR", async () => {
    const u = await user("connect-1@test.local");
    const other = await user("connect-2@test.local");
    const url = new URL(await startIcrInstall({ userId: u.id, returnTo: "/import/icr" }));
    expect(url.pathname).toMatch(/\/apps\/carbonmark\/installations\/new$/);
    expect(url.searchParams.get("redirectUri")).toBe(`${config().APP_URL}/connect/icr/callback`);
    const state = url.searchParams.get("state")!;

    await expect(completeIcrInstall({ userId: other.id, state, installationId })).rejects.toThrow(
      /not started from your Carbonmark account/,
    );
    // Without ICR's signed proof of consent for this state the callback only waits.
    expect(await completeIcrInstall({ userId: u.id, state, installationId })).toEqual({ status: "waiting" });
    await handleIcrWebhook({
      event: "installed",
      deliveryId: randomUUID(),
      installation: { id: installationId, organizationId },
      state,
      sender: { id: randomUUID(), name: "Ada Admin" },
    });
    const done = await completeIcrInstall({ userId: u.id, state, installationId });
    expect(done).toMatchObject({
      status: "connected",
      organizationName: "Verdant Forest Holdings",
      returnTo: "/import/icr",
    });
    await expect(completeIcrInstall({ userId: u.id, state, installationId })).rejects.toThrow(/already used/);
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: u.id } })).toMatchObject({
      installationId,
      organizationId,
    });
  });

  it("refuses an expired state and an installation ICR does not confirm", async () => {
    const u = await user("connect-3@test.local");
    const old = new URL(
      await startIcrInstall({ userId: u.id, returnTo: "/import/icr", now: new Date(Date.now() - 11 * 60_000) }),
    ).searchParams.get("state")!;
    await expect(completeIcrInstall({ userId: u.id, state: old, installationId })).rejects.toThrow(/expired/);
    const fresh = new URL(await startIcrInstall({ userId: u.id, returnTo: "/import/icr" })).searchParams.get("state")!;
    const unknown = randomUUID();
    await handleIcrWebhook({
      event: "installed",
      deliveryId: randomUUID(),
      installation: { id: unknown, organizationId },
      state: fresh,
    });
    await expect(completeIcrInstall({ userId: u.id, state: fresh, installationId: unknown })).rejects.toThrow(
      /does not know this installation/,
    );
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: u.id } })).toBeNull();
  });
});

describe("import from ICR", () => {
  it("makes one request for a double click, and moves with ICR's states (poll and webhook)", async () => {
    const u = await user("import-1@test.local");
    await prisma.cmIcrConnection.create({
      data: { userId: u.id, installationId, organizationId, organizationName: "Verdant" },
    });
    const key = randomUUID();
    const [a, b] = await Promise.all([
      requestImport({ userId: u.id, creditId, quantity: "1.5", idempotencyKey: key }),
      requestImport({ userId: u.id, creditId, quantity: "1.5", idempotencyKey: key }),
    ]);
    expect(a.id).toBe(b.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0].body).toEqual({
      creditId,
      amount: "1.5",
      toAddress: u.wallet!.address,
      onBehalfOf: { accountId: u.id, name: "I", email: "import-1@test.local" },
    });

    const row = await prisma.cmImport.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(row.state).toBe("pending_request");

    transfers[0].state = "pending_queue";
    await refreshImports({ userId: u.id });
    expect((await prisma.cmImport.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("pending_queue");

    const deliveryId = randomUUID();
    const processed = { id: row.icrTransactionId!, state: "processed" as const, txId: "0x" + "cd".repeat(32) };
    const transaction = { ...txShape({ ...transfers[0], ...processed }), amount: "1.5" };
    const event = {
      event: "organizationTransaction" as const,
      deliveryId,
      installation: { id: installationId, organizationId },
      transaction: transaction as never,
    };
    expect(await handleIcrWebhook(event)).toEqual({ duplicate: false });
    expect(await handleIcrWebhook(event)).toEqual({ duplicate: true });
    const after = await prisma.cmImport.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ state: "processed", txId: processed.txId });

    // A late, older state never moves it back.
    await handleIcrWebhook({
      ...event,
      deliveryId: randomUUID(),
      transaction: { ...transaction, state: "pending_onchain" } as never,
    });
    expect((await prisma.cmImport.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("processed");
  });

  it("refuses bad quantities and unknown assets without asking ICR to move anything", async () => {
    const u = await user("import-2@test.local");
    await prisma.cmIcrConnection.create({
      data: { userId: u.id, installationId, organizationId, organizationName: "Verdant" },
    });
    const before = transfers.length;
    await expect(
      requestImport({ userId: u.id, creditId, quantity: "40.001", idempotencyKey: randomUUID() }),
    ).rejects.toThrow(/Only 40 credits/);
    await expect(
      requestImport({
        userId: u.id,
        creditId: "exPost-9-0x2222222222222222222222222222222222222222",
        quantity: "1",
        idempotencyKey: randomUUID(),
      }),
    ).rejects.toThrow(/not in your ICR organization/);
    expect(transfers.length).toBe(before);
    expect(await prisma.cmImport.count({ where: { userId: u.id } })).toBe(0);
  });

  it("an uninstalled webhook forgets the connection", async () => {
    const u = await user("import-3@test.local");
    await prisma.cmIcrConnection.create({
      data: { userId: u.id, installationId: randomUUID(), organizationId, organizationName: "Verdant" },
    });
    const conn = await prisma.cmIcrConnection.findUniqueOrThrow({ where: { userId: u.id } });
    await handleIcrWebhook({
      event: "uninstalled",
      deliveryId: randomUUID(),
      installation: { id: conn.installationId, organizationId },
    });
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: u.id } })).toBeNull();
  });

  it("the portfolio read after a live change asks ICR nothing: only an import no webhook moved for a while is checked with ICR", async () => {
    const u = await user("import-quiet@test.local");
    await prisma.cmIcrConnection.create({
      data: { userId: u.id, installationId, organizationId, organizationName: "Verdant" },
    });
    const imp = await requestImport({ userId: u.id, creditId, quantity: "0.5", idempotencyKey: randomUUID() });
    const read = async () => {
      const before = transactionReads;
      const p = await getPortfolio({ userId: u.id, address: u.wallet!.address });
      return { icrCalls: transactionReads - before, inFlight: p.hasInFlight };
    };
    expect(await read()).toEqual({ icrCalls: 0, inFlight: true });
    // Unchanged for a minute: a webhook may have been lost, so the read asks ICR (the poll fallback).
    await prisma.cmImport.update({ where: { id: imp.id }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    expect(await read()).toEqual({ icrCalls: 1, inFlight: true });
  });
});
