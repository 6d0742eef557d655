import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { notifyLive } from "@/lib/live/notify";
import { logger } from "@/lib/log/logger";
import { serializeRequest } from "@/lib/registry/requests/serialize-request";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";

/** Tells the organizations' open inventory pages (live channel) and the app that made a request (`organizationTransaction` webhook) about its new state. Never throws. */
export async function notifyRequestChange(request: IcrCreditRequest): Promise<void> {
  const orgs = [request.organizationId, ...(request.toOrganizationId ? [request.toOrganizationId] : [])];
  await notifyLive(
    prisma,
    orgs.map((organizationId) => ({ topic: "inventory" as const, organizationId })),
  ).catch((err) => logger.warn({ err, requestId: request.id }, "could not notify the live channel"));
  if (!request.requestedByAppId) return;
  try {
    const installation = await prisma.icrInstallation.findUnique({
      where: { appId_organizationId: { appId: request.requestedByAppId, organizationId: request.organizationId } },
      select: { id: true, organizationId: true, isActive: true },
    });
    if (!installation?.isActive) return;
    await enqueueWebhook({
      appId: request.requestedByAppId,
      event: "organizationTransaction",
      installation: { id: installation.id, organizationId: installation.organizationId },
      transaction: serializeRequest(request),
    });
  } catch (err) {
    logger.error({ err, requestId: request.id }, "could not enqueue the organizationTransaction webhook");
  }
}
