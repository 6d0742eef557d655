import { randomUUID } from "node:crypto";
import { WEBHOOK_QUEUE, WEBHOOK_RETRY, webhookBoss, type TWebhookJob } from "@/lib/registry/webhooks/webhook-queue";

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
 * fixed now, so every retry sends the same bytes with the same `x-icr-delivery` id.
 * Returns the delivery id.
 */
export async function enqueueWebhook(input: TEnqueueWebhookInput): Promise<string> {
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
  const b = await webhookBoss();
  await b.send(WEBHOOK_QUEUE, job, { ...WEBHOOK_RETRY, id: deliveryId });
  return deliveryId;
}
