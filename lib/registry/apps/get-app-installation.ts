import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";

/** The app's active installation with its organization; 404 when it belongs to another app or is uninstalled. */
export async function getAppInstallation(input: { appId: string; installationId: string }) {
  const installation = await prisma.icrInstallation.findUnique({
    where: { id: input.installationId },
    include: { organization: true },
  });
  if (!installation || installation.appId !== input.appId || !installation.isActive)
    throw notFound(`Installation ${input.installationId} not found`);
  return installation;
}
