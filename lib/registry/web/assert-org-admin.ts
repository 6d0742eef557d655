import { forbidden } from "@/lib/registry/api/errors";

/** For server actions: throws a message for people unless the user is an admin of the organization. */
export function assertOrgAdmin(
  user: { memberships: { organizationId: string; role: string }[] },
  organizationId: string,
  what: string,
): void {
  const m = user.memberships.find((x) => x.organizationId === organizationId);
  if (m?.role !== "admin") throw forbidden(`Only an admin of this organization can ${what}.`);
}
