import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { signWebhookBody } from "@/lib/registry/webhooks/sign-webhook";
import type { TWebhookJob } from "@/lib/registry/webhooks/webhook-queue";

export const WEBHOOK_TIMEOUT_MS = 5_000;

export class WebhookDeliveryError extends Error {}

/** POSTs one delivery to the app's webhook URL, signed; throws (so it is retried) unless the receiver answers 2xx within 5 s. */
export async function deliverWebhook(job: TWebhookJob): Promise<{ status: number } | { skipped: string }> {
  const app = await prisma.icrApp.findUnique({ where: { id: job.appId }, select: { webhookUrl: true, webhookSecret: true } });
  if (!app) return { skipped: "app no longer exists" };
  if (!app.webhookUrl) return { skipped: "app has no webhook URL" };

  let res: Response;
  try {
    res = await fetch(app.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "ICR-Sandbox-Webhooks",
        "x-icr-event": job.event,
        "x-icr-delivery": job.deliveryId,
        "x-icr-signature-256": signWebhookBody(job.body, app.webhookSecret),
      },
      body: job.body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: "manual",
    });
  } catch (err) {
    logger.warn({ deliveryId: job.deliveryId, event: job.event, err: String(err) }, "webhook delivery failed; it will be retried");
    throw new WebhookDeliveryError(`Webhook ${job.deliveryId} to ${app.webhookUrl} failed: ${String(err)}`);
  }
  await res.body?.cancel().catch(() => undefined);
  if (!res.ok) {
    logger.warn({ deliveryId: job.deliveryId, event: job.event, status: res.status }, "webhook receiver refused; it will be retried");
    throw new WebhookDeliveryError(`Webhook ${job.deliveryId} to ${app.webhookUrl} answered ${res.status}`);
  }
  return { status: res.status };
}
