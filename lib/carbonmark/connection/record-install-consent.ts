import { prisma } from "@/lib/db";

/**
 * Records ICR's proof that an admin installed the app with `state` (from a verified `installed`
 * webhook). Only states Carbonmark issued are recorded; recording twice is harmless.
 * Returns whether the state was one of ours.
 */
export async function recordInstallConsent(input: {
  state: string;
  installationId: string;
  organizationId: string;
  icrUser?: { id: string; name: string };
  deliveryId: string;
}): Promise<boolean> {
  const issued = await prisma.cmInstallState.findUnique({ where: { state: input.state }, select: { state: true } });
  if (!issued) return false;
  await prisma.cmInstallConsent.createMany({
    data: [
      {
        state: input.state,
        installationId: input.installationId,
        organizationId: input.organizationId,
        icrUserId: input.icrUser?.id,
        icrUserName: input.icrUser?.name,
        deliveryId: input.deliveryId,
      },
    ],
    skipDuplicates: true,
  });
  return true;
}
