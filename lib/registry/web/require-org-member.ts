import "server-only";
import { notFound } from "next/navigation";
import { forbidden } from "@/lib/registry/api/errors";
import { requireIcrUser, type TIcrSessionUser } from "@/lib/registry/auth/session";

export type TOrgMembership = TIcrSessionUser["memberships"][number];

/** The signed-in user and their membership of the organization; a 404 when they are not a member. */
export async function requireOrgMember(organizationId: string, returnTo: string): Promise<{ user: TIcrSessionUser; membership: TOrgMembership; isAdmin: boolean }> {
  const user = await requireIcrUser(returnTo);
  const membership = user.memberships.find((m) => m.organizationId === organizationId);
  if (!membership) notFound();
  return { user, membership, isAdmin: membership.role === "admin" };
}

/** For server actions: throws a message for people unless the user is an admin of the organization. */
export function assertOrgAdmin(user: { memberships: { organizationId: string; role: string }[] }, organizationId: string, what: string): void {
  const m = user.memberships.find((x) => x.organizationId === organizationId);
  if (m?.role !== "admin") throw forbidden(`Only an admin of this organization can ${what}.`);
}
