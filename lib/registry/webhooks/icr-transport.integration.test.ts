// The sandbox's ICR webhooks go through the neutral webhook core (lib/webhooks): its transport (the
// address guard's pinned resolution), its retry arithmetic and its body signature, with ICR's wire
// format unchanged (docs/icr-contract.md, "Webhooks").
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { deliverWebhook } from "@/lib/registry/webhooks/deliver-webhook";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";
import { isValidWebhookSignature } from "@/lib/registry/webhooks/sign-webhook";
import {
  attemptJobId,
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_QUEUE,
  WEBHOOK_RETRY_DELAYS_S,
  ZWebhookJob,
} from "@/lib/registry/webhooks/webhook-jobs";
import { ensureApp, ensureOrganization } from "@/lib/seed/registry-factories";
import { startLocalServer } from "@/lib/testing/local-http-server";
import { loopbackOnlyAgent } from "@/lib/testing/loopback-only-agent";
import type { TResolver } from "@/lib/webhooks/address-guard";

const SECRET = "icr-transport-secret-0123456789";

async function appWithUrl(webhookUrl: string) {
  return ensureApp({
    id: randomUUID(),
    nameId: `transport-${randomUUID().slice(0, 8)}`,
    name: "Transport app",
    description: "test",
    privateKeyPem: generateKeyPairSync("ec", { namedCurve: "prime256v1" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString(),
    callbackUrls: ["http://127.0.0.1:3999/cb"],
    webhookUrl,
    webhookSecret: SECRET,
  });
}

/** The queued job of attempt n of a delivery, as a worker would take it. */
async function queuedAttempt(deliveryId: string, attempt: number) {
  const [row] = await prisma.$queryRaw<{ data: unknown; start_after: Date }[]>`
    SELECT data, start_after FROM pgboss.job WHERE name = ${WEBHOOK_QUEUE} AND id = ${attemptJobId(deliveryId, attempt)}::uuid`;
  return row ? { job: ZWebhookJob.parse(row.data), startAfter: row.start_after } : undefined;
}

describe("ICR webhooks on the neutral core", async () => {
  const org = await ensureOrganization({ fullName: "Transport Org", countryCode: "IS", type: "broker" });
  const installation = { id: randomUUID(), organizationId: org.id };

  it("a delivery resolves the app's host through the core's pinned lookup and keeps ICR's headers and body", async () => {
    const receiver = await startLocalServer((_req, res) => void res.writeHead(200).end());
    const port = new URL(receiver.url).port;
    const app = await appWithUrl(`http://carbonmark.sandbox.test:${port}/api/webhooks/icr`);
    const resolved: string[] = [];
    const resolver: TResolver = async (host) => {
      resolved.push(host);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const net = loopbackOnlyAgent();
    const deliveryId = await enqueueWebhook({ appId: app.id, event: "installed", installation, state: "st-1" });
    const first = await queuedAttempt(deliveryId, 1);

    expect(await deliverWebhook(first!.job, { resolver, agent: net.agent })).toEqual({ status: 200 });
    expect(resolved).toEqual(["carbonmark.sandbox.test"]);
    expect(net.attempts).toEqual(["carbonmark.sandbox.test"]);
    const [got] = receiver.requests;
    expect(got!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "ICR-Sandbox-Webhooks",
      "x-icr-event": "installed",
      "x-icr-delivery": deliveryId,
    });
    expect(got!.headers["x-icr-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(isValidWebhookSignature(got!.body, SECRET, String(got!.headers["x-icr-signature-256"]))).toBe(true);
    expect(JSON.parse(got!.body)).toEqual({
      event: "installed",
      deliveryId,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      installation,
      state: "st-1",
    });
    expect(await prisma.icrWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "delivered",
      attempts: 1,
    });
    await receiver.close();
  });

  it("a receiver answering 500 is retried on ICR's documented schedule: each attempt queued for its time, same id and body", async () => {
    const receiver = await startLocalServer((_req, res) => void res.writeHead(500).end());
    const app = await appWithUrl(`${receiver.url}/hook`);
    const deliveryId = await enqueueWebhook({
      appId: app.id,
      event: "organizationTransaction",
      installation,
      transaction: { id: "t-9", state: "pending_request" },
    });
    const t0 = new Date("2026-12-06T12:00:00.000Z");
    let at = t0;
    let attempt = 1;
    const scheduled: number[] = [];
    for (;;) {
      const queued = await queuedAttempt(deliveryId, attempt);
      expect(queued, `attempt ${attempt} is queued`).toBeDefined();
      if (attempt > 1) expect(queued!.startAfter.toISOString()).toBe(at.toISOString());
      const result = await deliverWebhook(queued!.job, { now: at });
      expect(result).toMatchObject({ failed: expect.stringMatching(/answered 500$/) });
      const row = await prisma.icrWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      expect(row.attempts).toBe(attempt);
      if (!row.nextAttemptAt) break;
      scheduled.push((row.nextAttemptAt.getTime() - at.getTime()) / 1000);
      at = row.nextAttemptAt;
      attempt++;
    }
    expect(scheduled).toEqual([...WEBHOOK_RETRY_DELAYS_S]);
    expect(attempt).toBe(WEBHOOK_MAX_ATTEMPTS);
    expect((at.getTime() - t0.getTime()) / 3600_000).toBeGreaterThan(24);
    expect(await prisma.icrWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "failed",
      lastStatus: 500,
      nextAttemptAt: null,
    });
    expect(await queuedAttempt(deliveryId, attempt + 1)).toBeUndefined();
    expect(new Set(receiver.requests.map((r) => r.headers["x-icr-delivery"]))).toEqual(new Set([deliveryId]));
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(receiver.requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    await receiver.close();
  });

  it("an app URL on a private address (the operator's configuration, e.g. a load balancer) is not refused by the guard", async () => {
    const app = await appWithUrl("http://icr-app.internal:8080/hook");
    const net = loopbackOnlyAgent();
    const deliveryId = await enqueueWebhook({ appId: app.id, event: "installed", installation });
    const first = await queuedAttempt(deliveryId, 1);
    const result = await deliverWebhook(first!.job, {
      resolver: async () => [{ address: "10.20.30.40", family: 4 }],
      agent: net.agent,
    });
    // The connection was asked for (this test's network refuses anything but loopback).
    expect(net.attempts).toEqual(["icr-app.internal"]);
    expect(result).toMatchObject({
      failed: expect.stringMatching(/test network: refused a connection to 10\.20\.30\.40/),
    });
  });
});
