import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { nextReconcileDelay } from "@/lib/carbonmark/imports/reconcile-queue";
import { requestImport } from "@/lib/carbonmark/imports/request-import";
import { startJobs } from "@/lib/jobs/start-jobs";
import { APP_QUEUES } from "@/lib/worker/queues";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { icrInventoryAnswer } from "@/lib/testing/icr-inventory-answer";

// ICR played by a local server that can be "down" (503 to everything). No webhook ever reaches
// Carbonmark in this file: only the worker's reconciliation can bring imports up to date.
const installationId = randomUUID();
const organizationId = randomUUID();
const tokenAddress = "0x3333333333333333333333333333333333333333";
const creditId = `exPost-1-${tokenAddress}`;
const transfers = new Map<string, { state: string; txId?: string; body: Record<string, unknown> }>();
let isDown = false;
let icr: Awaited<ReturnType<typeof startLocalServer>>;
let worker: PgBoss | undefined;

const txShape = (id: string) => {
  const t = transfers.get(id)!;
  const now = new Date().toISOString();
  return {
    id,
    action: "transfer",
    type: "exPost",
    toAddress: t.body.toAddress,
    createdAt: now,
    updatedAt: now,
    tokenId: "1",
    tokenAddress,
    creditId,
    serialization: "ICR-ISL-1-1-1-R-0-2021",
    vintage: "2021",
    amount: Number(t.body.amount),
    fromOrganizationId: organizationId,
    state: t.state,
    txId: t.txId,
  };
};

beforeAll(async () => {
  icr = await startLocalServer((req, res) => {
    const url = req.url;
    if (isDown)
      return sendJson(res, 503, { statusCode: 503, error: "Service Unavailable", message: "down for maintenance" });
    if (url.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_reconcile", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (url === `/organizations/${organizationId}/inventory`) {
      return sendJson(
        res,
        200,
        icrInventoryAnswer(organizationId, [
          {
            id: creditId,
            tokenId: "1",
            tokenAddress,
            serialization: "ICR-ISL-1-1-1-R-0-2021",
            vintage: "2021",
            amount: 100,
            available: 100,
            projectName: "Reconcile Project",
          },
        ]),
      );
    }
    if (url === `/organizations/${organizationId}/inventory/action/transfer`) {
      const id = randomUUID();
      transfers.set(id, { state: "pending_request", body: JSON.parse(req.body) as Record<string, unknown> });
      return sendJson(res, 200, txShape(id));
    }
    const m = url.match(/\/transactions\/(.+)$/);
    if (m && transfers.has(m[1]!)) return sendJson(res, 200, txShape(m[1]!));
    sendJson(res, 404, { statusCode: 404, error: "Not Found", message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
  expect(config().ICR_API_URL).toBe(icr.url);
});
afterAll(async () => {
  await worker?.stop({ graceful: false, wait: true });
  await icr.close();
});

describe("Carbonmark reconciles imports on its own", () => {
  it("an import ICR processed while every webhook was lost converges once ICR answers again, with no user action", async () => {
    const u = await ensureCmUser({
      email: "reconcile-1@test.local",
      name: "R",
      password: "password-123",
      pin: "123456",
    });
    await prisma.cmIcrConnection.create({
      data: { userId: u.id, installationId, organizationId, organizationName: "Verdant" },
    });
    const imp = await requestImport({ userId: u.id, creditId, quantity: "2", idempotencyKey: randomUUID() });
    const row = await prisma.cmImport.findUniqueOrThrow({ where: { id: imp.id } });
    expect(row.state).toBe("pending_request");

    // ICR accepts and processes the request while Carbonmark hears nothing, then goes down for a while.
    transfers.set(row.icrTransactionId!, {
      ...transfers.get(row.icrTransactionId!)!,
      state: "processed",
      txId: `0x${"ab".repeat(32)}`,
    });
    isDown = true;
    worker = await startJobs({ queues: APP_QUEUES, work: true });
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await prisma.cmImport.findUniqueOrThrow({ where: { id: imp.id } })).state).toBe("pending_request");

    isDown = false;
    const upAt = Date.now();
    let state = "";
    while (Date.now() - upAt < 60_000) {
      state = (await prisma.cmImport.findUniqueOrThrow({ where: { id: imp.id } })).state;
      if (state === "processed") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(`ICR back → import converged after ${Date.now() - upAt} ms`);
    expect(state).toBe("processed");
    expect((await prisma.cmImport.findUniqueOrThrow({ where: { id: imp.id } })).txId).toBe(`0x${"ab".repeat(32)}`);
  }, 90_000);

  it("backs off while ICR is down, never beyond 30 s", () => {
    expect(nextReconcileDelay({ users: 1, icrReachable: true })).toBe(10);
    expect(nextReconcileDelay({ users: 1, icrReachable: false }, 10)).toBe(20);
    expect(nextReconcileDelay({ users: 1, icrReachable: false }, 20)).toBe(30);
    expect(nextReconcileDelay({ users: 1, icrReachable: false }, 30)).toBe(30);
    expect(nextReconcileDelay({ users: 0, icrReachable: true })).toBe(30);
  });
});
