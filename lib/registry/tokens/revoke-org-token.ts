import { z } from "zod";
import { prisma } from "@/lib/db";
import { forbidden, notFound } from "@/lib/registry/api/errors";
import { revokeAccessToken } from "@/lib/registry/auth/access-tokens";

export const ZRevokeOrgToken = z.object({ tokenId: z.string().uuid() });

/** Revokes one of the organization's access tokens (admins only); revoking twice is harmless. */
export async function revokeOrgToken(input: { tokenId: string; userId: string }) {
  const token = await prisma.icrAccessToken.findUnique({
    where: { id: input.tokenId },
    select: { id: true, organizationId: true, installationId: true },
  });
  if (!token || token.installationId) throw notFound("That access token does not exist.");
  const membership = await prisma.icrMembership.findUnique({
    where: { userId_organizationId: { userId: input.userId, organizationId: token.organizationId } },
  });
  if (membership?.role !== "admin") throw forbidden("Only an admin of this organization can revoke access tokens.");
  await revokeAccessToken(token.id);
  return token;
}
