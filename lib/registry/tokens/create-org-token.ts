import { z } from "zod";
import { prisma } from "@/lib/db";
import { badRequest, forbidden } from "@/lib/registry/api/errors";
import { createAccessToken } from "@/lib/registry/auth/access-tokens";
import { PERMISSIONS, type TPermission } from "@/lib/registry/auth/permissions";

export const MAX_TOKEN_DAYS = 366;

/** The tokens page's form: the token works until the end of `endDate` (UTC), see `tokenExpiry`. */
export const ZCreateOrgToken = z.object({
  organizationId: z.string().uuid(),
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  permissions: z.array(z.enum(PERMISSIONS)).min(1, "Choose at least one permission"),
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose an end date"),
});

/** The end of a calendar day (UTC): when a token chosen to work until that day stops. */
export const tokenExpiry = (endDate: string) => new Date(`${endDate}T23:59:59.999Z`);

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
