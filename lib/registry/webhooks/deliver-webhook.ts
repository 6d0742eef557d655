import type http from "node:http";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { signWebhookBody } from "@/lib/registry/webhooks/sign-webhook";
import { ICR_RETRY_SCHEDULE, scheduleWebhookAttempt, type TWebhookJob } from "@/lib/registry/webhooks/webhook-jobs";
import type { TResolver } from "@/lib/webhooks/address-guard";
import { DELIVERY_TIMEOUT_MS, postSigned, type TPostResult } from "@/lib/webhooks/post-signed";

/** No answer within this long is a failed attempt (ICR's documented 5 s). */
export const WEBHOOK_TIMEOUT_MS = DELIVERY_TIMEOUT_MS;

export type TDeliverWebhookOptions = {
  now?: Date;
  resolver?: TResolver;
  /** The connection agent (tests pass one whose network refuses anything but loopback). */
  agent?: http.Agent;
};

/**
 * One POST of the delivery through the neutral transport (lib/webhooks/post-signed.ts) with ICR's
 * headers (docs/icr-contract.md, "Webhooks"). The app's webhook URL is the operator's configuration
 * (set when the app is registered: loopback in dev and tests, a load balancer with several
 * instances), so any address and plain http are allowed, as on the sandbox from the start; the
 * resolution is pinned for the connection, credentials in the URL are refused, redirects are not
 * followed.
 */
function post(url: string, job: TWebhookJob, secret: string, opts: TDeliverWebhookOptions): Promise<TPostResult> {
  return postSigned({
    url,
    body: job.body,
    headers: {
      "user-agent": "ICR-Sandbox-Webhooks",
      "x-icr-event": job.event,
      "x-icr-delivery": job.deliveryId,
      "x-icr-signature-256": signWebhookBody(job.body, secret),
    },
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    operatorConfigured: true,
    resolver: opts.resolver,
    agent: opts.agent,
  });
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
 * the app's owner. A failed attempt schedules the next one (ICR_RETRY_SCHEDULE, over a day) until
 * the last, which marks the delivery failed.
 */
export async function deliverWebhook(
  job: TWebhookJob,
  opts: TDeliverWebhookOptions = {},
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

  // While the attempt runs there is no next one to show (the row never shows a next attempt in the past).
  const { attempts } = await prisma.icrWebhookDelivery.update({
    where: { id: job.deliveryId },
    data: { attempts: { increment: 1 }, lastAttemptAt: opts.now ?? new Date(), nextAttemptAt: null },
  });
  const result = await post(app.webhookUrl, job, app.webhookSecret, opts);
  if (result.ok) {
    await prisma.icrWebhookDelivery.update({
      where: { id: job.deliveryId },
      data: {
        status: "delivered",
        lastStatus: result.status,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: opts.now ?? new Date(),
      },
    });
    return { status: result.status };
  }

  const nextAttemptAt = ICR_RETRY_SCHEDULE.nextAttemptAt(attempts, opts.now ?? new Date());
  const lastError = `${app.webhookUrl}: ${result.error}`;
  await prisma.icrWebhookDelivery.update({
    where: { id: job.deliveryId },
    data: { status: nextAttemptAt ? "pending" : "failed", lastStatus: result.status ?? null, lastError, nextAttemptAt },
  });
  if (nextAttemptAt) await scheduleWebhookAttempt(job, attempts + 1, nextAttemptAt);
  logger.warn(
    { deliveryId: job.deliveryId, event: job.event, attempt: attempts, error: result.error, nextAttemptAt },
    nextAttemptAt ? "webhook delivery failed; it will be retried" : "webhook delivery failed for good",
  );
  return { failed: lastError, nextAttemptAt };
}
