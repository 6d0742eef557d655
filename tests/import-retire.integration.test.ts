import { randomUUID } from "node:crypto";
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { refreshImports } from "@/lib/carbonmark/imports/refresh-imports";
import { requestImport } from "@/lib/carbonmark/imports/request-import";
import { getPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { processRequest } from "@/lib/registry/requests/process-request";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer, type TRecordedRequest } from "@/lib/testing/local-http-server";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";
import { GET as getInventoryRoute } from "@/app/icr/api/organizations/[id]/inventory/route";
import { POST as actionRoute } from "@/app/icr/api/organizations/[id]/inventory/action/[action]/route";
import { GET as getTransactionRoute } from "@/app/icr/api/organizations/[id]/transactions/[transactionId]/route";
import { GET as getListRoute } from "@/app/icr/api/retirements/list/route";
import { GET as getPdfRoute } from "@/app/icr/api/retirements/[retirementId]/pdf/route";

// As in import-flow.integration.test.ts, ICR is a local HTTP server, but here it hands the
// organization's requests to the real sandbox route handlers (same database and per-file anvil):
// only the installation's access token is stood in for (an organization token of the sandbox).
const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
let icr: Awaited<ReturnType<typeof startLocalServer>>;
let a: Awaited<ReturnType<typeof orgWithCredits>>;
let orgToken: string;

type TRoute = (req: Request, ctx?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
async function forward(route: TRoute, params: Record<string, string>, req: TRecordedRequest, res: http.ServerResponse) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  const body = req.method === "GET" ? undefined : req.body;
  const out = await route(new Request(`http://test/icr/api${req.url}`, { method: req.method, headers, body }), {
    params: Promise.resolve(params),
  });
  res.writeHead(out.status, { "content-type": out.headers.get("content-type") ?? "application/json" });
  res.end(Buffer.from(await out.arrayBuffer()));
}

beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    const url = (req.url ?? "").split("?")[0];
    if (url === "/projects") return sendIcrProjects(res);
    if (url.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: orgToken, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    let m = url.match(/^\/organizations\/([^/]+)\/inventory$/);
    if (m) return forward(getInventoryRoute, { id: m[1] }, req, res);
    m = url.match(/^\/organizations\/([^/]+)\/inventory\/action\/([^/]+)$/);
    if (m) return forward(actionRoute, { id: m[1], action: m[2] }, req, res);
    m = url.match(/^\/organizations\/([^/]+)\/transactions\/([^/]+)$/);
    if (m) return forward(getTransactionRoute, { id: m[1], transactionId: m[2] }, req, res);
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url; // before anything reads the config
  a = await orgWithCredits("cmret");
  orgToken = await tokenFor(a.org.id, ["organization_info:read", "organization_inventory:read_write"]);
});
afterAll(async () => {
  await icr.close();
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

async function connectedUser(email: string) {
  const u = await ensureCmUser({ email, name: "I", password: "password-123", pin: "123456" });
  await prisma.cmIcrConnection.create({
    data: { userId: u.id, installationId, organizationId: a.org.id, organizationName: a.org.fullName },
  });
  return u;
}
const actionCalls = () => icr.requests.filter((r) => r.url.includes("/inventory/action/")).length;

describe("import from ICR, retired on arrival (transfer_retire)", () => {
  it("once accepted and processed, appears in ICR's retirements list with the beneficiary and a certificate", async () => {
    const u = await connectedUser("import-retire-1@test.local");
    const key = randomUUID();
    const retirement = { beneficiary: "  Acme Climate Ltd ", reason: "Net zero 2030", comment: "FY2025" };
    const [first, again] = await Promise.all([
      requestImport({ userId: u.id, creditId: a.credit.id, quantity: "1.25", idempotencyKey: key, retirement }),
      requestImport({ userId: u.id, creditId: a.credit.id, quantity: "1.25", idempotencyKey: key, retirement }),
    ]);
    expect(first.id).toBe(again.id);
    const calls = icr.requests.filter((r) => r.url.includes("/inventory/action/"));
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(`/organizations/${a.org.id}/inventory/action/transfer_retire`);
    expect(JSON.parse(calls[0].body)).toEqual({
      creditId: a.credit.id,
      amount: "1.25",
      toAddress: u.wallet!.address,
      beneficiaryName: "Acme Climate Ltd",
      retirementReason: "Net zero 2030",
      retirementComment: "FY2025",
      onBehalfOf: { accountId: u.id, name: "I", email: "import-retire-1@test.local" },
    });
    const row = await prisma.cmImport.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      action: "transfer_retire",
      beneficiaryName: "Acme Climate Ltd",
      state: "pending_request",
    });

    await acceptRequest({ requestId: row.icrTransactionId!, userId: a.admin.id });
    expect(await processRequest(row.icrTransactionId!)).toBe("processed");
    await refreshImports({ userId: u.id });
    expect((await prisma.cmImport.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("processed");
    const portfolio = await getPortfolio({ userId: u.id, address: u.wallet!.address });
    expect(portfolio.imports[0]).toMatchObject({
      id: row.id,
      stateLabel: "Retired on arrival for Acme Climate Ltd",
      retireFor: "Acme Climate Ltd",
    });

    const request = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: row.icrTransactionId! } });
    expect(request.retirementId).toBeTruthy();
    const list = await callRoute(getListRoute, { url: "/retirements/list?skip=0&first=20", token: orgToken });
    expect(list.status).toBe(200);
    const listed = (list.json.retirements as { id: string }[]).find((r) => r.id === request.retirementId);
    expect(listed).toMatchObject({ isClaimed: true, beneficiary: "Acme Climate Ltd", amount: 1.25 });
    const pdf = await callRoute(getPdfRoute, {
      url: "/x",
      params: { retirementId: request.retirementId! },
      token: orgToken,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.res.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it.each([
    ["an empty beneficiary", { beneficiary: "   " }, /Enter the beneficiary's name/],
    ["a beneficiary over 200 characters", { beneficiary: "x".repeat(201) }, /at most 200 characters/],
    ["a beneficiary with the ;; separator", { beneficiary: "Acme;;Ltd" }, /may not contain ;;/],
    [
      "a beneficiary with a line break (a forged certificate line)",
      { beneficiary: "Jane Doe\nAmount: 1,000,000 tCO₂e (verified)" },
      /The beneficiary's name must be one line of visible text: remove a line break \(U\+000A\)/,
    ],
    [
      "a reason with a bidi override",
      { beneficiary: "Acme", reason: "\u202Edeifirev" },
      /The reason must be one line of visible text: .*U\+202E/,
    ],
    [
      "a comment with a line separator",
      { beneficiary: "Acme", comment: "a\u2028b" },
      /The comment must be one line of visible text: remove a line separator \(U\+2028\)/,
    ],
  ])("refuses %s, with nothing requested from ICR", async (_w, over, message) => {
    const u = await connectedUser(`import-retire-bad-${randomUUID().slice(0, 6)}@test.local`);
    const before = actionCalls();
    await expect(
      requestImport({
        userId: u.id,
        creditId: a.credit.id,
        quantity: "1",
        idempotencyKey: randomUUID(),
        retirement: over,
      }),
    ).rejects.toThrow(message);
    expect(actionCalls()).toBe(before);
    expect(await prisma.cmImport.count({ where: { userId: u.id } })).toBe(0);
  });
});
