import { randomUUID } from "node:crypto";
import { prisma, type TDb } from "@/lib/db";
import { scheduleWebhookAttempt, type TWebhookJob } from "@/lib/registry/webhooks/webhook-jobs";

export type TWebhookEvent = "installed" | "uninstalled" | "organizationTransaction";

export type TEnqueueWebhookInput = {
  appId: string;
  event: TWebhookEvent;
  installation: { id: string; organizationId: string };
  /** For `organizationTransaction`: the transaction shape of GET /organizations/{id}/transactions/{transactionId}. */
  transaction?: unknown;
  /** For `installed`: the `state` the app put in the install link (its proof that this consent answers its own request). */
  state?: string;
  /** For `installed` / `uninstalled`: the ICR user who did it (as GitHub's `sender`). */
  sender?: { id: string; name: string };
};

/**
 * Queues one signed webhook delivery to the app (docs/icr-contract.md, "Webhooks"). The body is
 * fixed now, so every retry sends the same bytes with the same `x-icr-delivery` id. The delivery
 * is recorded (status, attempts, last error, next attempt) for the app's owner to see. Pass the
 * transaction of the change the webhook reports: both commit together or not at all, so a crash
 * never leaves a change the app is not told of. Returns the delivery id.
 */
export async function enqueueWebhook(input: TEnqueueWebhookInput, db: TDb = prisma): Promise<string> {
  const deliveryId = randomUUID();
  const body = JSON.stringify({
    event: input.event,
    deliveryId,
    createdAt: new Date().toISOString(),
    installation: { id: input.installation.id, organizationId: input.installation.organizationId },
    ...(input.transaction !== undefined ? { transaction: input.transaction } : {}),
    ...(input.state !== undefined ? { state: input.state } : {}),
    ...(input.sender !== undefined ? { sender: input.sender } : {}),
  });
  const job: TWebhookJob = { appId: input.appId, event: input.event, deliveryId, body };
  await db.icrWebhookDelivery.create({
    data: {
      id: deliveryId,
      appId: input.appId,
      event: input.event,
      organizationId: input.installation.organizationId,
      installationId: input.installation.id,
      nextAttemptAt: new Date(),
    },
  });
  await scheduleWebhookAttempt(job, 1, null, db);
  return deliveryId;
}
