import { jwtVerify, importSPKI } from "jose";
import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto/token-cipher";
import { IcrHttpClient } from "@/lib/icr/base-client";
import { getInstallationToken, IcrNotConnectedError, withInstallationToken } from "@/lib/icr/token-store";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
const organizationId = "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01";
let issued = 0;
let uninstalled = false;
let server: Awaited<ReturnType<typeof startLocalServer>>;
let client: IcrHttpClient;

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    if (req.method === "POST" && req.url === `/app/installations/${installationId}/accessTokens`) {
      if (uninstalled)
        return sendJson(res, 404, { statusCode: 404, error: "Not Found", message: "no such installation" });
      issued++;
      return sendJson(res, 201, {
        id: `t${issued}`,
        token: `crs_token${issued}`,
        expiresAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
        isActive: true,
        permissions: [],
        appId: "a",
      });
    }
    if (req.url === "/whoami") {
      // The first token is treated as revoked.
      return req.headers.authorization === "Bearer crs_token1"
        ? sendJson(res, 401, { message: "revoked" })
        : sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { message: "unknown route" });
  });
  client = new IcrHttpClient(server.url, { retryDelayMs: 1 });
});
afterAll(() => server.close());

async function connectedUser(email: string) {
  const user = await ensureCmUser({ email, name: "T", password: "password-123" });
  await prisma.cmIcrConnection.create({
    data: { userId: user.id, installationId, organizationId, organizationName: "Verdant" },
  });
  return user;
}

describe("installation token store", () => {
  it("exchanges a signed app JWT for a token and stores it encrypted", async () => {
    const user = await connectedUser("store-1@test.local");
    const session = await getInstallationToken({ userId: user.id, client });
    expect(session.token).toMatch(/^crs_token\d+$/);

    const auth = server.requests.at(-1)!.headers.authorization!.replace("Bearer ", "");
    const publicKey = await importSPKI(
      createPublicKey(config().ICR_APP_PRIVATE_KEY).export({ type: "spki", format: "pem" }).toString(),
      "RS256",
    );
    const { payload, protectedHeader } = await jwtVerify(auth, publicKey, { issuer: config().ICR_APP_ID });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(600);

    const row = await prisma.cmIcrConnection.findUniqueOrThrow({
      where: { userId: user.id },
      omit: { accessTokenEncrypted: false },
    });
    expect(row.accessTokenEncrypted).not.toContain("crs_");
    expect(decryptSecret(row.accessTokenEncrypted!, config().TOKEN_ENCRYPTION_KEY)).toBe(session.token);

    // Still valid: reused, no new exchange.
    const before = issued;
    await getInstallationToken({ userId: user.id, client });
    expect(issued).toBe(before);
  });

  it("refreshes a token that expires in less than five minutes", async () => {
    const user = await connectedUser("store-2@test.local");
    const first = await getInstallationToken({ userId: user.id, client });
    const later = new Date(Date.now() + 2 * 3600_000 - 4 * 60_000);
    const second = await getInstallationToken({ userId: user.id, client, now: later });
    expect(second.token).not.toBe(first.token);
  });

  it("drops a token ICR answers 401 to and retries once with a fresh one", async () => {
    issued = 0;
    const user = await connectedUser("store-3@test.local");
    const seen: string[] = [];
    const result = await withInstallationToken({ userId: user.id, client }, async ({ token }) => {
      seen.push(token);
      return client.request({ method: "GET", path: "/whoami", auth: token, schema: z.object({ ok: z.boolean() }) });
    });
    expect(result).toEqual({ ok: true });
    expect(seen).toEqual(["crs_token1", "crs_token2"]);
  });

  it("forgets the connection when ICR says the installation is gone", async () => {
    const user = await connectedUser("store-4@test.local");
    uninstalled = true;
    await expect(getInstallationToken({ userId: user.id, client })).rejects.toBeInstanceOf(IcrNotConnectedError);
    expect(await prisma.cmIcrConnection.findUnique({ where: { userId: user.id } })).toBeNull();
    uninstalled = false;
  });
});
