import { describe, expect, it } from "vitest";
import { createAccessToken } from "@/lib/registry/auth/access-tokens";
import { ensureOrganization } from "@/lib/seed/registry-factories";
import { GET } from "./route";

const call = (id: string, headers: Record<string, string> = {}) =>
  GET(new Request(`http://test/icr/api/organizations/${id}`, { headers }), { params: Promise.resolve({ id }) });

describe("GET /organizations/{id}", async () => {
  const org = await ensureOrganization({
    fullName: "Org Route Test",
    countryCode: "IS",
    type: "projectProponent",
    city: "Reykjavik",
  });
  const other = await ensureOrganization({ fullName: "Other Org", countryCode: "NO", type: "broker" });
  const { token } = await createAccessToken({
    organizationId: org.id,
    permissions: ["organization_info:read"],
    expiresAt: new Date(Date.now() + 60_000),
  });
  const { token: inventoryOnly } = await createAccessToken({
    organizationId: org.id,
    permissions: ["organization_inventory:read"],
    expiresAt: new Date(Date.now() + 60_000),
  });
  const { token: expired } = await createAccessToken({
    organizationId: org.id,
    permissions: ["organization_info:read"],
    expiresAt: new Date(Date.now() - 1000),
  });

  it("returns the documented shape", async () => {
    const res = await call(org.id, { authorization: `Bearer ${token}`, "x-icr-api-version": "2023-06-16" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      id: org.id,
      fullName: "Org Route Test",
      countryCode: "IS",
      city: "Reykjavik",
      type: "projectProponent",
      isPublic: true,
      logo: "logo.png",
    });
    expect(body.url).toBe(`${process.env.ICR_API_URL}/organizations/${org.id}`);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  });

  it.each([
    ["no token", {}, 401, /Missing access token/],
    ["an expired token", { authorization: `Bearer ${expired}` }, 401, /unknown, expired or revoked/],
    ["a malformed token", { authorization: "Bearer nope" }, 401, /unknown, expired or revoked/],
    ["a token without the permission", { authorization: `Bearer ${inventoryOnly}` }, 403, /organization_info:read/],
    [
      "an unknown API version",
      { authorization: `Bearer ${token}`, "x-icr-api-version": "2099-01-01" },
      400,
      /Unknown API version/,
    ],
  ])("refuses %s", async (_what, headers, status, message) => {
    const res = await call(org.id, headers as Record<string, string>);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.statusCode).toBe(status);
    expect(body.message).toMatch(message);
  });

  it("refuses a token of another organization", async () => {
    const res = await call(other.id, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toBe("This access token belongs to another organization");
  });
});
