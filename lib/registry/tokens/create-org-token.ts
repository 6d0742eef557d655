import { prisma } from "@/lib/db";
import { badRequest, forbidden } from "@/lib/registry/api/errors";
import { createAccessToken } from "@/lib/registry/auth/access-tokens";
import type { TPermission } from "@/lib/registry/auth/permissions";

export const MAX_TOKEN_DAYS = 366;

/** An organization access token created by an admin; the plain token is returned once and never stored. */
export async function createOrgToken(input: {
  organizationId: string;
  userId: string;
  name: string;
  permissions: TPermission[];
  expiresAt: Date;
  now?: Date;
}) {
  const membership = await prisma.icrMembership.findUnique({
    where: { userId_organizationId: { userId: input.userId, organizationId: input.organizationId } },
  });
  if (membership?.role !== "admin") throw forbidden("Only an admin of this organization can create access tokens.");
  const now = input.now ?? new Date();
  if (input.expiresAt <= now) throw badRequest("The end date must be in the future.");
  if (input.expiresAt.getTime() - now.getTime() > MAX_TOKEN_DAYS * 86_400_000)
    throw badRequest("A token can be valid for at most one year.");
  if (input.permissions.length === 0) throw badRequest("Choose at least one permission.");
  const { token, row } = await createAccessToken({
    organizationId: input.organizationId,
    permissions: input.permissions,
    expiresAt: input.expiresAt,
    name: input.name,
    createdById: input.userId,
  });
  return { token, id: row.id, expiresAt: row.expiresAt };
}
