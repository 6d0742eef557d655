import { randomUUID } from "node:crypto";
import type { TTx } from "@/lib/db";
import { scheduleAttempt } from "@/lib/carbonmark/user-webhooks/webhook-jobs";

/** The events a user's systems can receive (docs/api.md, "Webhooks"). */
export const USER_WEBHOOK_EVENTS = {
  "import.arrived": "An import reached the wallet (or was retired on arrival)",
  "import.declined": "An ICR admin declined an import request",
  "import.failed": "An import failed; nothing reached the wallet",
  "export.sent": "Credits sent back to ICR are confirmed on chain",
  "retirement.final": "A retirement is on chain and its certificate is finalized",
} as const;
export type TUserWebhookEvent = keyof typeof USER_WEBHOOK_EVENTS;

/**
 * Records one event for the user's systems in the transaction of the change it reports, with one
 * delivery (and its first attempt's job) per enabled endpoint. `changeKey` names the change: the
 * same change never makes a second event (a repeated webhook from ICR or a retried job finds it).
 * The body is fixed here, so every attempt sends the same bytes with the same event id.
 */
export async function emitUserWebhookEvent(
  db: TTx,
  input: { userId: string; type: TUserWebhookEvent; changeKey: string; data: unknown; now?: Date },
): Promise<string | null> {
  const id = randomUUID();
  const createdAt = input.now ?? new Date();
  const body = JSON.stringify({ id, type: input.type, createdAt: createdAt.toISOString(), data: input.data });
  const { count } = await db.cmWebhookEvent.createMany({
    data: [
      { id, userId: input.userId, type: input.type, eventKey: `${input.type}:${input.changeKey}`, body, createdAt },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return null;
  const endpoints = await db.cmWebhookEndpoint.findMany({
    where: { userId: input.userId, disabledAt: null },
    select: { id: true },
  });
  for (const e of endpoints) {
    const delivery = await db.cmEndpointDelivery.create({
      data: { eventId: id, endpointId: e.id, status: "pending", nextAttemptAt: createdAt },
    });
    await scheduleAttempt({ deliveryId: delivery.id, attempt: 1 }, { db });
  }
  return id;
}
