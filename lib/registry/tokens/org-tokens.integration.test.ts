import { describe, expect, it } from "vitest";
import { authenticateAccessToken } from "@/lib/registry/auth/access-tokens";
import { createOrgToken } from "@/lib/registry/tokens/create-org-token";
import { listOrgTokens } from "@/lib/registry/tokens/list-org-tokens";
import { revokeOrgToken } from "@/lib/registry/tokens/revoke-org-token";
import { ensureIcrUser, ensureOrganization } from "@/lib/seed/registry-factories";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

describe("organization access tokens", async () => {
  const org = await ensureOrganization({ fullName: "Token Org", countryCode: "IS", type: "buyer" });
  const admin = await ensureIcrUser({
    email: "tok-admin@test.test",
    name: "A",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  const member = await ensureIcrUser({
    email: "tok-member@test.test",
    name: "M",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "member" }],
  });

  it("an admin creates a token with chosen permissions and end date; only its hash is stored", async () => {
    const { token, id } = await createOrgToken({
      organizationId: org.id,
      userId: admin.id,
      name: "Script",
      permissions: ["organization_inventory:read"],
      expiresAt: inDays(30),
    });
    expect(token).toMatch(/^crs_[0-9A-Za-z]{40}$/);
    expect(await authenticateAccessToken(token)).toMatchObject({
      tokenId: id,
      organizationId: org.id,
      installationId: null,
      permissions: ["organization_inventory:read"],
    });
    const listed = await listOrgTokens({ organizationId: org.id });
    expect(listed.find((t) => t.id === id)).toMatchObject({ name: "Script", status: "active" });
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it.each([
    ["a member", () => ({ userId: member.id }), /Only an admin/],
    ["an end date in the past", () => ({ expiresAt: inDays(-1) }), /in the future/],
    ["an end date beyond a year", () => ({ expiresAt: inDays(400) }), /at most one year/],
    ["no permission", () => ({ permissions: [] }), /at least one permission/],
  ])("refuses %s and creates nothing", async (_what, override, message) => {
    const before = (await listOrgTokens({ organizationId: org.id })).length;
    await expect(
      createOrgToken({
        organizationId: org.id,
        userId: admin.id,
        name: "x",
        permissions: ["organization_info:read"],
        expiresAt: inDays(10),
        ...override(),
      }),
    ).rejects.toThrow(message);
    expect((await listOrgTokens({ organizationId: org.id })).length).toBe(before);
  });

  it("an admin revokes a token (a member cannot); the API refuses it afterwards", async () => {
    const { token, id } = await createOrgToken({
      organizationId: org.id,
      userId: admin.id,
      name: "Doomed",
      permissions: ["organization_info:read"],
      expiresAt: inDays(5),
    });
    await expect(revokeOrgToken({ tokenId: id, userId: member.id })).rejects.toThrow(/Only an admin/);
    expect(await authenticateAccessToken(token)).not.toBeNull();
    await revokeOrgToken({ tokenId: id, userId: admin.id });
    await revokeOrgToken({ tokenId: id, userId: admin.id });
    expect(await authenticateAccessToken(token)).toBeNull();
    expect((await listOrgTokens({ organizationId: org.id })).find((t) => t.id === id)?.status).toBe("revoked");
  });
});
