import { z } from "zod";
import { prisma } from "@/lib/db";
import { forbidden, notFound } from "@/lib/registry/api/errors";
import { forgetAccessTokens } from "@/lib/registry/auth/access-tokens";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";

export const ZUninstallApp = z.object({ installationId: z.string().uuid() });

/**
 * Uninstalls: the installation becomes inactive and every token it issued is revoked, in one
 * transaction with the `uninstalled` webhook that tells the app. Uninstalling twice is a no-op.
 */
export async function uninstallApp(input: { installationId: string; userId: string }) {
  const installation = await prisma.icrInstallation.findUnique({ where: { id: input.installationId } });
  if (!installation) throw notFound("That installation does not exist.");
  const membership = await prisma.icrMembership.findUnique({
    where: { userId_organizationId: { userId: input.userId, organizationId: installation.organizationId } },
  });
  if (membership?.role !== "admin") throw forbidden("Only an admin of the organization can uninstall apps.");
  if (!installation.isActive) return { installation, wasActive: false };

  const now = new Date();
  const updated = await prisma.$transaction(async (tx) => {
    const row = await tx.icrInstallation.update({ where: { id: installation.id }, data: { isActive: false } });
    await tx.icrAccessToken.updateMany({
      where: { installationId: installation.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await enqueueWebhook({ appId: installation.appId, event: "uninstalled", installation }, tx);
    return row;
  });
  forgetAccessTokens(); // this process stops honouring them at once (others within the 3 s cache life)
  return { installation: updated, wasActive: true };
}
