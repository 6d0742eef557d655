import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { completeIcrInstall } from "@/lib/carbonmark/connection/complete-install";
import { startIcrInstall } from "@/lib/carbonmark/connection/start-install";
import { listOrgInventory } from "@/lib/carbonmark/imports/list-org-inventory";
import { installApp } from "@/lib/registry/apps/install-app";
import { webhookBoss } from "@/lib/registry/webhooks/webhook-jobs";
import { webhookQueue } from "@/lib/registry/webhooks/webhook-queue";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureApp } from "@/lib/seed/registry-factories";
import { sendJson, startLocalServer, type TRecordedRequest } from "@/lib/testing/local-http-server";
import { orgWithCredits } from "@/lib/testing/registry-api";
import { GET as getInstallationRoute } from "@/app/icr/api/app/installations/[installationId]/route";
import { POST as accessTokensRoute } from "@/app/icr/api/app/installations/[installationId]/accessTokens/route";
import { GET as inventoryRoute } from "@/app/icr/api/organizations/[id]/inventory/route";
import { POST as webhookRoute } from "@/app/api/webhooks/icr/route";

// The whole consent chain for real: ICR sandbox routes and Carbonmark's webhook receiver behind one
// local HTTP server, ICR's webhook worker delivering the signed `installed` events to it.
type TRoute = (req: Request, ctx?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
async function forward(
  route: TRoute,
  params: Record<string, string>,
  req: TRecordedRequest,
  res: http.ServerResponse,
  url: string,
) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  const out = await route(
    new Request(`http://test${url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" ? undefined : req.body,
    }),
    { params: Promise.resolve(params) },
  );
  res.writeHead(out.status, { "content-type": out.headers.get("content-type") ?? "application/json" });
  res.end(Buffer.from(await out.arrayBuffer()));
}

let server: Awaited<ReturnType<typeof startLocalServer>>;
let victim: Awaited<ReturnType<typeof orgWithCredits>>;
let attackerOrg: Awaited<ReturnType<typeof orgWithCredits>>;
const APP_ID = process.env.ICR_APP_ID!;

beforeAll(async () => {
  server = await startLocalServer(async (req, res) => {
    const url = req.url ?? "";
    const path = url.split("?")[0];
    if (path === "/api/webhooks/icr") return forward(webhookRoute, {}, req, res, url);
    let m = path.match(/^\/icr\/api\/app\/installations\/([^/]+)\/accessTokens$/);
    if (m) return forward(accessTokensRoute, { installationId: m[1] }, req, res, url);
    m = path.match(/^\/icr\/api\/app\/installations\/([^/]+)$/);
    if (m) return forward(getInstallationRoute, { installationId: m[1] }, req, res, url);
    m = path.match(/^\/icr\/api\/organizations\/([^/]+)\/inventory$/);
    if (m) return forward(inventoryRoute, { id: m[1] }, req, res, url);
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = `${server.url}/icr/api`; // before anything reads the config
  await ensureApp({
    id: APP_ID,
    nameId: "carbonmark",
    name: "Carbonmark",
    description: "t",
    privateKeyPem: process.env.ICR_APP_PRIVATE_KEY!,
    callbackUrls: ["http://127.0.0.1:3999/connect/icr/callback"],
    webhookUrl: `${server.url}/api/webhooks/icr`,
    webhookSecret: process.env.ICR_WEBHOOK_SECRET!,
  });
  const b = await webhookBoss();
  await b.work(webhookQueue.name, webhookQueue.workOptions!, webhookQueue.handler as never);
  victim = await orgWithCredits("victim");
  attackerOrg = await orgWithCredits("attacker");
});
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await server.close();
});

const stateOf = async (userId: string) =>
  new URL(await startIcrInstall({ userId, returnTo: "/import/icr" })).searchParams.get("state")!;
const cmUser = (email: string) => ensureCmUser({ email, name: "Erin", password: "password-123", pin: "123456" });

/** The victim organization's admin installs Carbonmark for a victim Carbonmark user (the honest flow). */
async function victimConnects(email: string) {
  const u = await cmUser(email);
  const state = await stateOf(u.id);
  const { installation } = await installApp({
    appId: APP_ID,
    organizationId: victim.org.id,
    userId: victim.admin.id,
    state,
  });
  const done = await completeIcrInstall({ userId: u.id, state, installationId: installation.id, waitMs: 20_000 });
  return { user: u, state, installationId: installation.id, done };
}

describe("connecting to ICR needs proof of an admin's consent with this user's state", () => {
  it("an honest install connects once ICR's signed installed webhook carried the state", async () => {
    const { user, done, installationId } = await victimConnects("consent-honest@test.local");
    expect(done).toMatchObject({
      status: "connected",
      organizationName: victim.org.fullName,
      organizationId: victim.org.id,
    });
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: user.id } })).toMatchObject({
      installationId,
      organizationId: victim.org.id,
      icrUserId: victim.admin.id,
      icrUserName: "Admin",
    });
  });

  it("[ATTACK] own state + another organization's installationId is refused: no connection, no inventory", async () => {
    const { installationId } = await victimConnects("consent-victim@test.local");
    const attacker = await cmUser("consent-attacker@test.local");
    const state = await stateOf(attacker.id);

    const outcome = await completeIcrInstall({ userId: attacker.id, state, installationId, waitMs: 3_000 });
    expect(outcome).toEqual({ status: "waiting" });
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: attacker.id } })).toBeNull();
    await expect(listOrgInventory({ userId: attacker.id })).rejects.toThrow(/not connected/);
    expect(await prisma.cmInstallState.findUniqueOrThrow({ where: { state } })).toMatchObject({ usedAt: null });
  });

  it("[ATTACK] a state consented on the attacker's own organization cannot be pointed at another installation", async () => {
    const { installationId: victimInstallation } = await victimConnects("consent-victim-2@test.local");
    const attacker = await cmUser("consent-attacker-2@test.local");
    const state = await stateOf(attacker.id);
    // The attacker is an admin of their own organization and really installs there with their state…
    const own = await installApp({
      appId: APP_ID,
      organizationId: attackerOrg.org.id,
      userId: attackerOrg.admin.id,
      state,
    });
    expect(
      (await completeIcrInstall({ userId: attacker.id, state, installationId: own.installation.id, waitMs: 20_000 }))
        .status,
    ).toBe("connected");
    // …then installs there once more with a fresh state, and swaps in the victim's installationId.
    const state3 = await stateOf(attacker.id);
    await installApp({
      appId: APP_ID,
      organizationId: attackerOrg.org.id,
      userId: attackerOrg.admin.id,
      state: state3,
    });
    await expect(async () => {
      for (let i = 0; i < 80; i++) {
        const r = await completeIcrInstall({
          userId: attacker.id,
          state: state3,
          installationId: victimInstallation,
          waitMs: 250,
        });
        if (r.status !== "waiting") return;
      }
    }).rejects.toThrow(/different installation/);
    expect(await prisma.cmIcrConnection.findUniqueOrThrow({ where: { userId: attacker.id } })).toMatchObject({
      organizationId: attackerOrg.org.id,
    });
  });

  it("[REPLAY] a replayed callback is refused, and a replayed installationId does not connect a new state", async () => {
    const { user, state, installationId } = await victimConnects("consent-replay@test.local");
    await expect(completeIcrInstall({ userId: user.id, state, installationId })).rejects.toThrow(/already used/);
    const other = await cmUser("consent-replay-other@test.local");
    await expect(completeIcrInstall({ userId: other.id, state, installationId })).rejects.toThrow(
      /not started from your Carbonmark account/,
    );
    const fresh = await stateOf(other.id);
    expect(await completeIcrInstall({ userId: other.id, state: fresh, installationId, waitMs: 1_500 })).toEqual({
      status: "waiting",
    });
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: other.id } })).toBeNull();
  });

  it("[REINSTALL] installing again on an organization that has the app connects with the new state", async () => {
    const first = await victimConnects("consent-reinstall@test.local");
    await prisma.cmIcrConnection.deleteMany({ where: { userId: first.user.id } });
    const state = await stateOf(first.user.id);
    const again = await installApp({ appId: APP_ID, organizationId: victim.org.id, userId: victim.admin.id, state });
    expect(again).toMatchObject({ wasAlreadyInstalled: true, installation: { id: first.installationId } });
    expect(
      await completeIcrInstall({ userId: first.user.id, state, installationId: first.installationId, waitMs: 20_000 }),
    ).toMatchObject({ status: "connected" });
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: first.user.id } })).toMatchObject({
      installationId: first.installationId,
    });
  });
});
