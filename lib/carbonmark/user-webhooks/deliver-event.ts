import { config } from "@/lib/config";
import { decryptSecret } from "@/lib/crypto/token-cipher";
import { prisma } from "@/lib/db";
import { queueCmMail } from "@/lib/carbonmark/mail/mail-queue";
import { scheduleAttempt, type TUserWebhookJob } from "@/lib/carbonmark/user-webhooks/webhook-jobs";
import { logger } from "@/lib/log/logger";
import { renderMail } from "@/lib/mail/render";
import type { TResolver } from "@/lib/webhooks/address-guard";
import { postSigned } from "@/lib/webhooks/post-signed";
import { nextAttemptAt } from "@/lib/webhooks/retry-schedule";
import { signatureHeader } from "@/lib/webhooks/signature";
import type http from "node:http";

/** An endpoint whose every delivery failed for this long is disabled, and its owner mailed. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600_000;

export type TDeliverOptions = {
  now?: Date;
  resolver?: TResolver;
  agent?: http.Agent;
  /** Tests: runs once the attempt is claimed, before the POST (a crash there must lose nothing). */
  afterClaim?: () => void | Promise<void>;
};

export type TDeliverResult =
  { skipped: string } | { delivered: number } | { failed: string; nextAttemptAt: Date | null; disabled: boolean };

/**
 * Attempt `job.attempt` of a delivery: signs the event's fixed body with a fresh timestamp, POSTs it
 * through the address guard (checked again now), and records the outcome. The attempt counts only
 * once its outcome is recorded: a worker killed mid-POST leaves it unrecorded, and pg-boss's retry of
 * the job sends it again (at least once, with the same event id). A failure schedules the next
 * attempt (lib/webhooks/retry-schedule.ts); an endpoint failing for DISABLE_AFTER_FAILING_MS is disabled.
 */
export async function deliverUserWebhook(job: TUserWebhookJob, opts: TDeliverOptions = {}): Promise<TDeliverResult> {
  const d = await prisma.cmEndpointDelivery.findUnique({
    where: { id: job.deliveryId },
    include: { event: true, endpoint: true },
  });
  if (!d) return { skipped: "delivery no longer exists" };
  if (d.status !== "pending") return { skipped: `already ${d.status}` };
  if (d.attempts !== job.attempt - 1) return { skipped: `attempt ${job.attempt} is not the next one` };
  if (d.endpoint.disabledAt) {
    await prisma.cmEndpointDelivery.updateMany({
      where: { id: d.id, status: "pending" },
      data: { status: "failed", lastError: "the endpoint is disabled", nextAttemptAt: null },
    });
    return { skipped: "endpoint disabled" };
  }
  const now = opts.now ?? new Date();
  await prisma.cmEndpointDelivery.update({ where: { id: d.id }, data: { lastAttemptAt: now } });
  await opts.afterClaim?.();

  const secret = decryptSecret(d.endpoint.secretEncrypted, config().TOKEN_ENCRYPTION_KEY);
  const result = await postSigned({
    url: d.endpoint.url,
    body: d.event.body,
    headers: {
      "user-agent": "Carbonmark-Webhooks/1",
      "carbonmark-event-id": d.event.id,
      "carbonmark-event-type": d.event.type,
      "carbonmark-signature": signatureHeader(d.event.body, secret, now),
    },
    allowLoopback: config().WEBHOOKS_ALLOW_LOOPBACK,
    resolver: opts.resolver,
    agent: opts.agent,
  });

  if (result.ok) {
    await prisma.$transaction([
      prisma.cmEndpointDelivery.updateMany({
        where: { id: d.id, attempts: job.attempt - 1 },
        data: {
          attempts: job.attempt,
          status: "delivered",
          lastStatus: result.status,
          lastError: null,
          nextAttemptAt: null,
          deliveredAt: now,
        },
      }),
      prisma.cmWebhookEndpoint.update({ where: { id: d.endpointId }, data: { failingSince: null } }),
    ]);
    return { delivered: result.status };
  }

  const next = nextAttemptAt(job.attempt, now);
  const lastError = result.error.slice(0, 500);
  const disabled = await prisma.$transaction(async (db) => {
    const { count } = await db.cmEndpointDelivery.updateMany({
      where: { id: d.id, attempts: job.attempt - 1 },
      data: {
        attempts: job.attempt,
        status: next ? "pending" : "failed",
        lastStatus: result.status ?? null,
        lastError,
        nextAttemptAt: next,
      },
    });
    if (count === 0) return false;
    if (next) await scheduleAttempt({ deliveryId: d.id, attempt: job.attempt + 1 }, { startAfter: next, db });
    const endpoint = await db.cmWebhookEndpoint.update({
      where: { id: d.endpointId },
      data: { failingSince: d.endpoint.failingSince ?? now },
    });
    if (endpoint.disabledAt || now.getTime() - endpoint.failingSince!.getTime() < DISABLE_AFTER_FAILING_MS)
      return false;
    await db.cmWebhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        disabledAt: now,
        disabledReason: `Every delivery failed since ${endpoint.failingSince!.toISOString()}: ${lastError}`,
      },
    });
    const owner = await db.cmUser.findUniqueOrThrow({ where: { id: d.event.userId }, select: { email: true } });
    const { text, html } = renderMail({
      heading: "A webhook endpoint was disabled",
      intro:
        "Every delivery to this endpoint failed for three days, so Carbonmark stopped sending to it. Fix it, then enable it again in Settings → API.",
      lines: [
        ["Endpoint", endpoint.url],
        ["Last error", lastError],
      ],
      link: { label: "Open Settings → API", url: `${config().APP_URL}/settings/api` },
      footer: "Carbonmark sends this to the owner of the endpoint.",
    });
    await queueCmMail(db, {
      eventKey: `webhook-endpoint-disabled:${endpoint.id}:${now.toISOString()}`,
      kind: "webhook_endpoint_disabled",
      recipient: owner.email,
      subject: "A Carbonmark webhook endpoint was disabled",
      text,
      html,
    });
    return true;
  });
  logger.warn(
    { deliveryId: d.id, eventId: d.event.id, attempt: job.attempt, error: lastError, nextAttemptAt: next, disabled },
    next ? "webhook delivery failed; it will be retried" : "webhook delivery failed for good",
  );
  return { failed: lastError, nextAttemptAt: next, disabled };
}
