import { prisma } from "@/lib/db";

export type TTokenStatus = "active" | "expired" | "revoked";

/** The organization's own access tokens (not apps' installation tokens), newest first. */
export async function listOrgTokens(input: { organizationId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await prisma.icrAccessToken.findMany({
    where: { organizationId: input.organizationId, installationId: null },
    select: { id: true, name: true, permissions: true, expiresAt: true, revokedAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((r) => ({
    ...r,
    status: (r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : "active") as TTokenStatus,
  }));
}
