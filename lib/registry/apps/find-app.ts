import { prisma } from "@/lib/db";

/** The app named `nameId` in its install links, or null. */
export function findApp(nameId: string) {
  return prisma.icrApp.findUnique({ where: { nameId } });
}

/** Which of `organizationIds` have the app installed now. */
export async function organizationsWithApp(appId: string, organizationIds: string[]): Promise<Set<string>> {
  const installed = await prisma.icrInstallation.findMany({
    where: { appId, isActive: true, organizationId: { in: organizationIds } },
    select: { organizationId: true },
  });
  return new Set(installed.map((i) => i.organizationId));
}
