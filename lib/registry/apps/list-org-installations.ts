import { prisma } from "@/lib/db";

/** The apps installed on an organization (active first, then uninstalled ones), with their live token count. */
export async function listOrgInstallations(input: { organizationId: string }) {
  const rows = await prisma.icrInstallation.findMany({
    where: { organizationId: input.organizationId },
    include: {
      app: { select: { id: true, name: true, nameId: true, description: true } },
      _count: { select: { accessTokens: { where: { revokedAt: null, expiresAt: { gt: new Date() } } } } },
    },
    orderBy: [{ isActive: "desc" }, { updatedAt: "desc" }],
  });
  return rows.map(({ _count, ...r }) => ({ ...r, activeTokenCount: _count.accessTokens }));
}
