import "server-only";
import { notFound } from "next/navigation";
import { requireIcrUser, type TIcrSessionUser } from "@/lib/registry/auth/session";

export type TOrgMembership = TIcrSessionUser["memberships"][number];

/** The signed-in user and their membership of the organization; a 404 when they are not a member. */
export async function requireOrgMember(
  organizationId: string,
  returnTo: string,
): Promise<{ user: TIcrSessionUser; membership: TOrgMembership; isAdmin: boolean }> {
  const user = await requireIcrUser(returnTo);
  const membership = user.memberships.find((m) => m.organizationId === organizationId);
  if (!membership) notFound();
  return { user, membership, isAdmin: membership.role === "admin" };
}
