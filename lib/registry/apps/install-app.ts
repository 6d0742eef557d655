import { prisma } from "@/lib/db";
import { forbidden, notFound } from "@/lib/registry/api/errors";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";

/**
 * Installs the app on the organization, or re-activates its installation: installing twice is
 * harmless. Only an admin of the organization may install. Every install, re-installs included,
 * sends the signed `installed` webhook with the install link's `state` and the admin who consented
 * (`sender`): that delivery is the app's proof of consent (docs/icr-contract.md, "Proof of consent").
 */
export async function installApp(input: { appId: string; organizationId: string; userId: string; state?: string }) {
  const membership = await prisma.icrMembership.findUnique({
    where: { userId_organizationId: { userId: input.userId, organizationId: input.organizationId } },
    include: { user: { select: { id: true, name: true } } },
  });
  if (!membership) throw notFound("You are not a member of that organization.");
  if (membership.role !== "admin")
    throw forbidden(
      "Only an admin of the organization can install apps. Ask an admin of your organization to install it.",
    );

  const app = await prisma.icrApp.findUnique({ where: { id: input.appId } });
  if (!app) throw notFound("That app does not exist.");

  const existing = await prisma.icrInstallation.findUnique({
    where: { appId_organizationId: { appId: app.id, organizationId: input.organizationId } },
  });
  const wasAlreadyInstalled = existing?.isActive === true;
  // The installation and its `installed` webhook (the app's proof of consent) commit together.
  const installation = await prisma.$transaction(async (db) => {
    const row = await db.icrInstallation.upsert({
      where: { appId_organizationId: { appId: app.id, organizationId: input.organizationId } },
      create: {
        appId: app.id,
        organizationId: input.organizationId,
        permissions: app.permissions,
        installedById: input.userId,
      },
      // Re-activation grants the app's current permissions; an active installation keeps its
      // permissions, and records the admin who consented last.
      update: wasAlreadyInstalled
        ? { installedById: input.userId }
        : { isActive: true, permissions: app.permissions, installedById: input.userId },
    });
    await enqueueWebhook(
      {
        appId: app.id,
        event: "installed",
        installation: row,
        state: input.state,
        sender: { id: membership.user.id, name: membership.user.name },
      },
      db,
    );
    return row;
  });
  return { installation, wasAlreadyInstalled };
}
