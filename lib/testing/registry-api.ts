// Helpers for ICR API integration tests: call a route handler like Next.js does, and build the
// data a test needs (organization with credits, admin, member, tokens) from the shared factories.
import { randomBytes } from "node:crypto";
import { createAccessToken } from "@/lib/registry/auth/access-tokens";
import type { TPermission } from "@/lib/registry/auth/permissions";
import { ensureIcrUser, ensureIssuance, ensureOrganization, ensureProject } from "@/lib/seed/registry-factories";

type THandler = (req: Request, ctx?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export async function callRoute(
  handler: THandler,
  opts: {
    url: string;
    params?: Record<string, string>;
    token?: string;
    body?: unknown;
    rawBody?: string;
    method?: string;
  },
) {
  const headers: Record<string, string> = { "x-icr-api-version": "2023-06-16" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await handler(
    new Request(`http://test/icr/api${opts.url}`, {
      method: opts.method ?? (body !== undefined ? "POST" : "GET"),
      headers,
      body,
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  const type = res.headers.get("content-type") ?? "";
  const json = type.includes("json") ? await res.json() : undefined;
  return { res, status: res.status, json };
}

export const tokenFor = async (organizationId: string, permissions: TPermission[]) =>
  (await createAccessToken({ organizationId, permissions, expiresAt: new Date(Date.now() + 3_600_000) })).token;

/** The passwords of the admin and the member orgWithCredits makes. */
export const ORG_USER_PASSWORDS = { admin: "pw-admin-123", member: "pw-member-123" } as const;

/** An organization holding 10 credits of a fresh project's token 1, an admin and a member. */
export async function orgWithCredits(label = randomBytes(3).toString("hex")) {
  const org = await ensureOrganization({ fullName: `Org ${label}`, countryCode: "IS", type: "projectProponent" });
  const project = await ensureProject({ num: `P-${label}`, fullName: `Project ${label}`, countryCode: "IS" });
  const address = org.addresses.find((a) => a.isDefault)!.address;
  const credit = await ensureIssuance({ project, tokenId: 1, vintage: "2021", amount: "10", holder: address });
  const admin = await ensureIcrUser({
    email: `admin-${label}@test.icr`,
    name: "Admin",
    password: ORG_USER_PASSWORDS.admin,
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  const member = await ensureIcrUser({
    email: `member-${label}@test.icr`,
    name: "Member",
    password: ORG_USER_PASSWORDS.member,
    memberships: [{ organizationId: org.id, role: "member" }],
  });
  return { org, project, address, credit, admin, member };
}
