import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import {
  authenticateAccessToken,
  createAccessToken,
  generateAccessToken,
  hashAccessToken,
  revokeAccessToken,
} from "@/lib/registry/auth/access-tokens";
import { ensureOrganization } from "@/lib/seed/registry-factories";

describe("access token authentication (remembered for a few seconds)", async () => {
  const org = await ensureOrganization({ fullName: "Token Org", countryCode: "IS", type: "broker" });
  const make = (expiresAt = new Date(Date.now() + 60_000)) =>
    createAccessToken({ organizationId: org.id, permissions: ["organization_inventory:read"], expiresAt });

  it("a revoked token is refused at once, even right after it was used", async () => {
    const { token, row } = await make();
    const [a, b] = await Promise.all([authenticateAccessToken(token), authenticateAccessToken(token)]);
    expect(a).toMatchObject({ tokenId: row.id, organizationId: org.id, permissions: ["organization_inventory:read"] });
    expect(b).toEqual(a);
    await revokeAccessToken(row.id);
    expect(await authenticateAccessToken(token)).toBeNull();
  });

  it("a token that expires while remembered is refused once it expires", async () => {
    const { token } = await make(new Date(Date.now() + 300));
    expect(await authenticateAccessToken(token)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(await authenticateAccessToken(token)).toBeNull();
  });

  it("an unknown token is not remembered: once it exists, it works", async () => {
    const token = generateAccessToken();
    expect(await authenticateAccessToken(token)).toBeNull();
    await prisma.icrAccessToken.create({
      data: {
        organizationId: org.id,
        permissions: ["organization_inventory:read"],
        expiresAt: new Date(Date.now() + 60_000),
        tokenHash: hashAccessToken(token),
      },
    });
    expect(await authenticateAccessToken(token)).not.toBeNull();
  });
});
