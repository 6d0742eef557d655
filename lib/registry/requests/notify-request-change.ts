import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { serializeRequest } from "@/lib/registry/requests/serialize-request";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";

/** Tells the app that made a request about its new state (`organizationTransaction` webhook). Never throws. */
export async function notifyRequestChange(request: IcrCreditRequest): Promise<void> {
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
