import { randomBytes } from "node:crypto";
import { z } from "zod";
import { config } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto/token-cipher";
import { prisma } from "@/lib/db";
import { FROZEN_MESSAGE } from "@/lib/carbonmark/account/account-standing";
import { CmUserError } from "@/lib/carbonmark/errors";
import { scheduleAttempt } from "@/lib/carbonmark/user-webhooks/webhook-jobs";
import {
  parseWebhookUrl,
  resolvePublicAddress,
  type TResolver,
  UnsafeWebhookUrlError,
} from "@/lib/webhooks/address-guard";

export const MAX_ENDPOINTS = 5;

export const ZAddEndpoint = z.object({
  url: z
    .string({ error: "Enter the endpoint's URL" })
    .trim()
    .min(1, "Enter the endpoint's URL")
    .max(500, "Keep the URL under 500 characters"),
});
export const ZEndpointId = z.object({ endpointId: z.uuid() });
export const ZDeliveryId = z.object({ deliveryId: z.uuid() });

/**
 * Adds an endpoint and returns its signing secret once (it is stored encrypted, to sign with). The
 * URL must be https and resolve only to public addresses (checked again at every delivery).
 */
export async function addWebhookEndpoint(opts: { userId: string; url: string; resolver?: TResolver }) {
  const input = ZAddEndpoint.safeParse(opts);
  if (!input.success) throw new CmUserError(input.error.issues[0]?.message ?? "Check the URL.", "invalid_input");
  const user = await prisma.cmUser.findUnique({ where: { id: opts.userId }, select: { frozenAt: true } });
  if (!user) throw new CmUserError("Your session has expired. Sign in again; nothing was changed.", "unauthenticated");
  if (user.frozenAt) throw new CmUserError(FROZEN_MESSAGE, "locked");
  const allowLoopback = config().WEBHOOKS_ALLOW_LOOPBACK;
  try {
    await resolvePublicAddress(parseWebhookUrl(input.data.url, { allowLoopback }), {
      allowLoopback,
      resolver: opts.resolver,
    });
  } catch (err) {
    if (err instanceof UnsafeWebhookUrlError)
      throw new CmUserError(`${err.message}. Nothing was added.`, "invalid_input");
    throw err;
  }
  if ((await prisma.cmWebhookEndpoint.count({ where: { userId: opts.userId } })) >= MAX_ENDPOINTS)
    throw new CmUserError(`You have ${MAX_ENDPOINTS} endpoints already. Remove one first.`, "conflict");
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const row = await prisma.cmWebhookEndpoint.create({
    data: {
      userId: opts.userId,
      url: input.data.url,
      secretEncrypted: encryptSecret(secret, config().TOKEN_ENCRYPTION_KEY),
    },
  });
  return { id: row.id, url: row.url, secret };
}

export async function removeWebhookEndpoint(opts: { userId: string; endpointId: string }) {
  const { count } = await prisma.cmWebhookEndpoint.deleteMany({ where: { id: opts.endpointId, userId: opts.userId } });
  if (!count) throw new CmUserError("This endpoint was not found.", "not_found");
}

/** Enables a disabled endpoint again (its failing streak starts afresh). */
export async function enableWebhookEndpoint(opts: { userId: string; endpointId: string }) {
  const { count } = await prisma.cmWebhookEndpoint.updateMany({
    where: { id: opts.endpointId, userId: opts.userId },
    data: { disabledAt: null, disabledReason: null, failingSince: null },
  });
  if (!count) throw new CmUserError("This endpoint was not found.", "not_found");
}

/**
 * "Send again": one more attempt of a delivered or failed delivery, now, with the same event id and
 * body (a receiver that keeps event ids drops it if it had it). A pending one is already on its way.
 */
export async function resendDelivery(opts: { userId: string; deliveryId: string }) {
  return prisma.$transaction(async (db) => {
    const d = await db.cmEndpointDelivery.findFirst({
      where: { id: opts.deliveryId, endpoint: { userId: opts.userId } },
      include: { endpoint: { select: { disabledAt: true } } },
    });
    if (!d) throw new CmUserError("This delivery was not found.", "not_found");
    if (d.endpoint.disabledAt) throw new CmUserError("Enable the endpoint first.", "conflict");
    if (d.status === "pending") return { status: "pending" as const };
    const { count } = await db.cmEndpointDelivery.updateMany({
      where: { id: d.id, status: d.status, attempts: d.attempts },
      data: { status: "pending", nextAttemptAt: new Date() },
    });
    if (count) await scheduleAttempt({ deliveryId: d.id, attempt: d.attempts + 1 }, { db });
    return { status: "pending" as const };
  });
}

export type TEndpointView = {
  id: string;
  url: string;
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
};

export type TDeliveryView = {
  id: string;
  endpointUrl: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

export async function listWebhookEndpoints(opts: { userId: string }): Promise<TEndpointView[]> {
  const rows = await prisma.cmWebhookEndpoint.findMany({
    where: { userId: opts.userId },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    createdAt: r.createdAt.toISOString(),
    disabledAt: r.disabledAt?.toISOString() ?? null,
    disabledReason: r.disabledReason,
    failingSince: r.failingSince?.toISOString() ?? null,
  }));
}

/** The delivery log: the newest deliveries to the user's endpoints. */
export async function listDeliveries(opts: { userId: string; take?: number }): Promise<TDeliveryView[]> {
  const rows = await prisma.cmEndpointDelivery.findMany({
    where: { endpoint: { userId: opts.userId } },
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 50,
    include: { event: { select: { id: true, type: true } }, endpoint: { select: { url: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    endpointUrl: r.endpoint.url,
    eventId: r.event.id,
    eventType: r.event.type,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
