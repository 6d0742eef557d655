import { prisma, type TDb } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { notifyLive } from "@/lib/live/notify";
import { serializeRequest } from "@/lib/registry/requests/serialize-request";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";

/**
 * Tells the organizations' open inventory pages (live channel) and the app that made a request
 * (`organizationTransaction` webhook) about its new state. Call it in the transaction that changed
 * the state (`db`): the webhook is queued if and only if the change commits, and the live events go
 * out at the commit. A failure throws, so the change is rolled back with it.
 */
export async function notifyRequestChange(
  request: IcrCreditRequest,
  db: TDb = prisma,
  opts: { live?: boolean } = {},
): Promise<void> {
  if (opts.live !== false) {
    const orgs = [request.organizationId, ...(request.toOrganizationId ? [request.toOrganizationId] : [])];
    await notifyLive(
      db,
      orgs.map((organizationId) => ({ topic: "inventory" as const, organizationId })),
    );
  }
  if (!request.requestedByAppId) return;
  const installation = await db.icrInstallation.findUnique({
    where: { appId_organizationId: { appId: request.requestedByAppId, organizationId: request.organizationId } },
    select: { id: true, organizationId: true, isActive: true },
  });
  if (!installation?.isActive) return;
  await enqueueWebhook(
    {
      appId: request.requestedByAppId,
      event: "organizationTransaction",
      installation: { id: installation.id, organizationId: installation.organizationId },
      transaction: serializeRequest(request),
    },
    db,
  );
}
