import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { installApp } from "@/lib/registry/apps/install-app";
import { ZInstallation, ZInstallationToken } from "@/lib/registry/apps/schemas";
import { uninstallApp } from "@/lib/registry/apps/uninstall-app";
import { authenticateAccessToken } from "@/lib/registry/auth/access-tokens";
import { ensureApp, ensureIcrUser, ensureOrganization } from "@/lib/seed/registry-factories";
import { GET as getInstallation } from "./[installationId]/route";
import { POST as postAccessTokens } from "./[installationId]/accessTokens/route";
import { DELETE as deleteToken } from "./token/route";

// Webhooks are covered by lib/registry/webhooks; here only that they are asked for.
const enqueued = vi.hoisted(
  () => [] as { event: string; state?: string; sender?: { id: string; name: string }; installation: { id: string } }[],
);
vi.mock("@/lib/registry/webhooks/enqueue-webhook", () => ({
  enqueueWebhook: async (i: (typeof enqueued)[number]) => (enqueued.push(i), "d"),
}));

const APP_ID = process.env.ICR_APP_ID!;
const nowS = () => Math.floor(Date.now() / 1000);

async function appJwt(
  claims: { iss?: string; iat?: number; exp?: number | null } = {},
  pem = process.env.ICR_APP_PRIVATE_KEY!,
) {
  const key = await importPKCS8(createPkcs8(pem), "RS256");
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(claims.iss ?? APP_ID)
    .setIssuedAt(claims.iat ?? nowS() - 60);
  if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? nowS() + 540);
  return jwt.sign(key);
}
function createPkcs8(pem: string): string {
  // Dev keys may be PKCS#1; jose wants PKCS#8.
  return createPrivateKey(pem).export({ type: "pkcs8", format: "pem" }).toString();
}

const call = {
  get: (id: string, auth?: string) =>
    getInstallation(
      new Request(`http://t/icr/api/app/installations/${id}`, {
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
      }),
      { params: Promise.resolve({ installationId: id }) },
    ),
  token: (id: string, auth?: string) =>
    postAccessTokens(
      new Request(`http://t/icr/api/app/installations/${id}/accessTokens`, {
        method: "POST",
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
      }),
      { params: Promise.resolve({ installationId: id }) },
    ),
  revoke: (auth?: string) =>
    deleteToken(
      new Request("http://t/icr/api/app/installations/token", {
        method: "DELETE",
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
      }),
      { params: Promise.resolve({}) },
    ),
};

describe("app installation API", async () => {
  const org = await ensureOrganization({ fullName: "App API Org", countryCode: "IS", type: "broker" });
  const admin = await ensureIcrUser({
    email: "app-admin@test.test",
    name: "A",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  const member = await ensureIcrUser({
    email: "app-member@test.test",
    name: "M",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "member" }],
  });
  const app = await ensureApp({
    id: APP_ID,
    nameId: "carbonmark",
    name: "Carbonmark",
    description: "t",
    privateKeyPem: process.env.ICR_APP_PRIVATE_KEY!,
    callbackUrls: ["http://127.0.0.1:3999/connect/icr/callback"],
    webhookUrl: "http://127.0.0.1:1/hook",
    webhookSecret: "s".repeat(20),
  });
  let installationId = "";
  beforeAll(async () => {
    installationId = (await installApp({ appId: app.id, organizationId: org.id, userId: admin.id })).installation.id;
  });

  it("a member cannot install; installing twice is harmless and each install sends installed with its state and the admin", async () => {
    await expect(
      installApp({ appId: app.id, organizationId: org.id, userId: member.id, state: "member-state" }),
    ).rejects.toThrow(/Only an admin/);
    const again = await installApp({ appId: app.id, organizationId: org.id, userId: admin.id, state: "second-state" });
    expect(again.wasAlreadyInstalled).toBe(true);
    expect(again.installation.id).toBe(installationId);
    const installed = enqueued.filter((e) => e.event === "installed");
    expect(installed).toHaveLength(2);
    expect(installed[1]).toMatchObject({
      state: "second-state",
      sender: { id: admin.id, name: "A" },
      installation: { id: installationId },
    });
    expect(enqueued.some((e) => e.state === "member-state")).toBe(false);
  });

  it("GET returns the installation with its organization", async () => {
    const res = await call.get(installationId, await appJwt());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      id: installationId,
      appId: APP_ID,
      organizationId: org.id,
      isActive: true,
      permissions: ["organization_info:read", "organization_inventory:read_write"],
    });
    expect(body.organization).toMatchObject({ id: org.id, fullName: "App API Org" });
    expect(ZInstallation.safeParse(body).success).toBe(true);
  });

  it("exchanges the JWT for a 2-hour crs_ token with the installation's permissions", async () => {
    const res = await call.token(installationId, await appJwt());
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.token).toMatch(/^crs_[0-9A-Za-z]{40}$/);
    expect(ZInstallationToken.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      isActive: true,
      appId: APP_ID,
      permissions: ["organization_info:read", "organization_inventory:read_write"],
    });
    const ttl = new Date(body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(2 * 3600_000);
    expect((await authenticateAccessToken(body.token))?.installationId).toBe(installationId);

    expect((await call.revoke(body.token)).status).toBe(204);
    expect(await authenticateAccessToken(body.token)).toBeNull();
    expect((await call.revoke(body.token)).status).toBe(401);
  });

  it.each([
    ["no JWT", async () => undefined, /Missing app JWT/],
    ["garbage", async () => "not.a.jwt", /malformed/],
    ["an expired JWT", async () => appJwt({ iat: nowS() - 700, exp: nowS() - 100 }), /expired/],
    ["an iat in the future", async () => appJwt({ iat: nowS() + 300, exp: nowS() + 600 }), /in the future/],
    [
      "exp more than 10 minutes after iat",
      async () => appJwt({ iat: nowS() - 10, exp: nowS() + 900 }),
      /at most 10 minutes/,
    ],
    ["no exp", async () => appJwt({ exp: null }), /invalid/],
    ["an unknown app", async () => appJwt({ iss: "00000000-0000-4000-8000-000000000000" }), /unknown app/],
    [
      "another key",
      async () =>
        appJwt(
          {},
          generateKeyPairSync("rsa", { modulusLength: 2048 })
            .privateKey.export({ type: "pkcs8", format: "pem" })
            .toString(),
        ),
      /signature/,
    ],
  ])("refuses %s with 401", async (_what, jwt, message) => {
    for (const res of [await call.token(installationId, await jwt()), await call.get(installationId, await jwt())]) {
      expect(res.status).toBe(401);
      expect((await res.json()).message).toMatch(message);
    }
  });

  it("another app's JWT cannot see or use this installation (404)", async () => {
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const other = await ensureApp({
      id: "00000000-0000-4000-8000-0000000000aa",
      nameId: "other-app",
      name: "Other",
      description: "t",
      privateKeyPem: otherKey,
      callbackUrls: [],
      webhookUrl: "http://127.0.0.1:1/x",
      webhookSecret: "s".repeat(20),
    });
    const jwt = await appJwt({ iss: other.id }, otherKey);
    expect((await call.get(installationId, jwt)).status).toBe(404);
    expect((await call.token(installationId, jwt)).status).toBe(404);
  });

  it("an unknown installation is a 404; a bad id a 400", async () => {
    expect((await call.token("00000000-0000-4000-8000-000000000001", await appJwt())).status).toBe(404);
    expect((await call.get("nope", await appJwt())).status).toBe(400);
  });

  it("uninstalling revokes every token, hides the installation and sends the uninstalled webhook", async () => {
    const { token } = await (await call.token(installationId, await appJwt())).json();
    await expect(uninstallApp({ installationId, userId: member.id })).rejects.toThrow(/Only an admin/);
    await uninstallApp({ installationId, userId: admin.id });
    expect(await authenticateAccessToken(token)).toBeNull();
    const rows = await prisma.icrAccessToken.findMany({ where: { installationId } });
    expect(rows.every((r) => r.revokedAt)).toBe(true);
    expect((await call.get(installationId, await appJwt())).status).toBe(404);
    expect((await call.token(installationId, await appJwt())).status).toBe(404);
    expect(enqueued.map((e) => e.event)).toContain("uninstalled");

    // Re-installing re-activates the same installation.
    const again = await installApp({ appId: app.id, organizationId: org.id, userId: admin.id });
    expect(again).toMatchObject({ wasAlreadyInstalled: false, installation: { id: installationId, isActive: true } });
  });
});
