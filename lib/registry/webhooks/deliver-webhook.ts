import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { signWebhookBody } from "@/lib/registry/webhooks/sign-webhook";
import {
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_RETRY_DELAYS_S,
  scheduleWebhookAttempt,
  type TWebhookJob,
} from "@/lib/registry/webhooks/webhook-queue";

export const WEBHOOK_TIMEOUT_MS = 5_000;

type TAttemptResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

async function post(url: string, job: TWebhookJob, secret: string): Promise<TAttemptResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "ICR-Sandbox-Webhooks",
        "x-icr-event": job.event,
        "x-icr-delivery": job.deliveryId,
        "x-icr-signature-256": signWebhookBody(job.body, secret),
      },
      body: job.body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: "manual",
    });
    await res.body?.cancel().catch(() => undefined);
    return res.ok
      ? { ok: true, status: res.status }
      : { ok: false, status: res.status, error: `answered ${res.status}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: cause?.code ?? cause?.message ?? (err as Error).message };
  }
}

/** The delivery row, created from the job if it was queued without one. */
async function deliveryRow(job: TWebhookJob) {
  const installation = (() => {
    try {
      return (JSON.parse(job.body) as { installation?: { id?: string; organizationId?: string } }).installation;
    } catch {
      return undefined;
    }
  })();
  const isUuid = (s?: string) => (s && /^[0-9a-f-]{36}$/i.test(s) ? s : null);
  await prisma.icrWebhookDelivery.createMany({
    data: [
      {
        id: job.deliveryId,
        appId: job.appId,
        event: job.event,
        organizationId: isUuid(installation?.organizationId),
        installationId: isUuid(installation?.id),
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * One attempt of a delivery: POSTs it signed to the app's webhook URL and records the outcome for
 * the app's owner. A failed attempt schedules the next one (WEBHOOK_RETRY_DELAYS_S, over a day)
 * until the last, which marks the delivery failed.
 */
export async function deliverWebhook(
  job: TWebhookJob,
): Promise<{ status: number } | { skipped: string } | { failed: string; nextAttemptAt: Date | null }> {
  const app = await prisma.icrApp.findUnique({
    where: { id: job.appId },
    select: { webhookUrl: true, webhookSecret: true },
  });
  if (!app) return { skipped: "app no longer exists" };
  await deliveryRow(job);
  const current = await prisma.icrWebhookDelivery.findUniqueOrThrow({ where: { id: job.deliveryId } });
  if (current.status !== "pending") return { skipped: `already ${current.status}` };
  if (!app.webhookUrl) {
    await prisma.icrWebhookDelivery.update({
      where: { id: job.deliveryId },
      data: { status: "failed", lastError: "the app has no webhook URL", nextAttemptAt: null },
    });
    return { skipped: "app has no webhook URL" };
  }

  const { attempts } = await prisma.icrWebhookDelivery.update({
    where: { id: job.deliveryId },
    data: { attempts: { increment: 1 }, lastAttemptAt: new Date() },
  });
  const result = await post(app.webhookUrl, job, app.webhookSecret);
  if (result.ok) {
    await prisma.icrWebhookDelivery.update({
      where: { id: job.deliveryId },
      data: {
        status: "delivered",
        lastStatus: result.status,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: new Date(),
      },
    });
    return { status: result.status };
  }

  const delay = attempts < WEBHOOK_MAX_ATTEMPTS ? WEBHOOK_RETRY_DELAYS_S[attempts - 1] : undefined;
  const nextAttemptAt = delay !== undefined ? new Date(Date.now() + delay * 1000) : null;
  const lastError = `${app.webhookUrl}: ${result.error}`;
  await prisma.icrWebhookDelivery.update({
    where: { id: job.deliveryId },
    data: { status: nextAttemptAt ? "pending" : "failed", lastStatus: result.status ?? null, lastError, nextAttemptAt },
  });
  if (delay !== undefined) await scheduleWebhookAttempt(job, attempts + 1, delay);
  logger.warn(
    { deliveryId: job.deliveryId, event: job.event, attempt: attempts, error: result.error, nextAttemptAt },
    nextAttemptAt ? "webhook delivery failed; it will be retried" : "webhook delivery failed for good",
  );
  return { failed: lastError, nextAttemptAt };
}
