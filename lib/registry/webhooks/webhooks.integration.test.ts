import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { workQueue } from "@/lib/jobs/start-jobs";
import { ensureApp, ensureOrganization } from "@/lib/seed/registry-factories";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";
import { isValidWebhookSignature } from "@/lib/registry/webhooks/sign-webhook";
import { listWebhookDeliveries } from "@/lib/registry/webhooks/list-webhook-deliveries";
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_S, webhookBoss } from "@/lib/registry/webhooks/webhook-jobs";
import { webhookQueue } from "@/lib/registry/webhooks/webhook-queue";

type TReceived = { headers: IncomingHttpHeaders; body: string; answered: number };

/** A local receiver that answers `statuses` in turn (then 200) and records every delivery. */
async function startReceiver(statuses: number[] = []) {
  const received: TReceived[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const answered = statuses.shift() ?? 200;
      received.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhooks", async () => {
  const SECRET = "test-webhook-secret-0123456789";
  const org = await ensureOrganization({ fullName: "Webhook Org", countryCode: "IS", type: "broker" });
  const app = await ensureApp({
    id: process.env.ICR_APP_ID!,
    nameId: "carbonmark",
    name: "Carbonmark",
    description: "test",
    privateKeyPem: process.env.ICR_APP_PRIVATE_KEY!,
    callbackUrls: ["http://127.0.0.1:3999/connect/icr/callback"],
    webhookUrl: "http://127.0.0.1:1/unused",
    webhookSecret: SECRET,
  });
  const b = await webhookBoss();
  await workQueue(b, webhookQueue);
  afterAll(async () => {
    await (await boss()).stop({ graceful: false, wait: true });
  });

  it("posts a signed delivery with the event and delivery id headers", async () => {
    const receiver = await startReceiver();
    await prisma.icrApp.update({ where: { id: app.id }, data: { webhookUrl: receiver.url } });
    const deliveryId = await enqueueWebhook({
      appId: app.id,
      event: "installed",
      installation: { id: "11111111-1111-4111-8111-111111111111", organizationId: org.id },
    });

    const got = await waitFor(() => receiver.received[0], 15_000);
    expect(got.headers["x-icr-event"]).toBe("installed");
    expect(got.headers["x-icr-delivery"]).toBe(deliveryId);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(isValidWebhookSignature(got.body, SECRET, got.headers["x-icr-signature-256"] as string)).toBe(true);
    expect(
      isValidWebhookSignature(got.body, "another-secret-xxxxxxxx", got.headers["x-icr-signature-256"] as string),
    ).toBe(false);
    expect(
      isValidWebhookSignature(
        got.body.replace("installed", "uninstalled"),
        SECRET,
        got.headers["x-icr-signature-256"] as string,
      ),
    ).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      event: "installed",
      deliveryId,
      installation: { id: "11111111-1111-4111-8111-111111111111", organizationId: org.id },
    });
    expect(body.transaction).toBeUndefined();
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    await receiver.close();
  });

  it("retries with backoff when the receiver fails twice, with the same delivery id and body", async () => {
    const receiver = await startReceiver([500, 503]);
    await prisma.icrApp.update({ where: { id: app.id }, data: { webhookUrl: receiver.url } });
    const transaction = { id: "t-1", state: "pending_queue", amount: 1.5 };
    const deliveryId = await enqueueWebhook({
      appId: app.id,
      event: "organizationTransaction",
      installation: { id: "22222222-2222-4222-8222-222222222222", organizationId: org.id },
      transaction,
    });

    await waitFor(() => (receiver.received.length >= 3 ? true : undefined), 40_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 503, 200]);
    expect(new Set(receiver.received.map((r) => r.headers["x-icr-delivery"]))).toEqual(new Set([deliveryId]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    for (const r of receiver.received)
      expect(isValidWebhookSignature(r.body, SECRET, r.headers["x-icr-signature-256"] as string)).toBe(true);
    expect(JSON.parse(receiver.received[2]!.body).transaction).toEqual(transaction);
    expect(await prisma.icrWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "delivered",
      attempts: 3,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    await receiver.close();
  });

  it("keeps retrying a receiver that is down for more than 24 h, and shows the org's admins the last error and the next attempt", async () => {
    const spanS = WEBHOOK_RETRY_DELAYS_S.reduce((a, b) => a + b, 0);
    expect(spanS).toBeGreaterThanOrEqual(24 * 3600);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(WEBHOOK_RETRY_DELAYS_S.length + 1);

    const receiver = await startReceiver();
    await receiver.close(); // nothing listens there any more
    await prisma.icrApp.update({ where: { id: app.id }, data: { webhookUrl: receiver.url } });
    const deliveryId = await enqueueWebhook({
      appId: app.id,
      event: "installed",
      installation: { id: "33333333-3333-4333-8333-333333333333", organizationId: org.id },
    });

    const row = await waitFor(async () => {
      const r = await prisma.icrWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      return r.attempts >= 3 && r.nextAttemptAt ? r : undefined;
    }, 40_000);
    expect(row.status).toBe("pending");
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    // After attempt 3 the next waits WEBHOOK_RETRY_DELAYS_S[2] = 4 s (then 10 s, 30 s, … 12 h).
    expect(row.nextAttemptAt!.getTime() - row.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(
      WEBHOOK_RETRY_DELAYS_S[2] * 1000 - 50,
    );

    const [shown] = (await listWebhookDeliveries({ organizationId: org.id })).filter((d) => d.id === deliveryId);
    expect(shown).toMatchObject({
      event: "installed",
      status: "pending",
      attempts: 3,
      maxAttempts: WEBHOOK_MAX_ATTEMPTS,
      app: { name: "Carbonmark" },
    });
  });

  it("a receiver that hangs does not hold back another app's deliveries", async () => {
    // Another app whose server accepts connections and never answers (until the 5 s timeout).
    const hung: ServerResponse[] = [];
    const hanging = createServer((_req, res) => hung.push(res));
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
    const other = await ensureApp({
      id: randomUUID(),
      nameId: `slow-${Date.now()}`,
      name: "Slow app",
      description: "test",
      privateKeyPem: generateKeyPairSync("ec", { namedCurve: "prime256v1" })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString(),
      callbackUrls: ["http://127.0.0.1:3999/cb"],
      webhookUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`,
      webhookSecret: "slow-app-webhook-secret-0123456789",
    });
    const receiver = await startReceiver();
    await prisma.icrApp.update({ where: { id: app.id }, data: { webhookUrl: receiver.url } });
    const installation = { id: "44444444-4444-4444-8444-444444444444", organizationId: org.id };

    const stuck = [];
    for (let i = 0; i < 2; i++) stuck.push(await enqueueWebhook({ appId: other.id, event: "installed", installation }));
    await waitFor(() => (hung.length === 2 ? true : undefined), 15_000);
    const deliveryId = await enqueueWebhook({ appId: app.id, event: "installed", installation });

    await waitFor(() => receiver.received.find((r) => r.headers["x-icr-delivery"] === deliveryId), 15_000);
    // Delivered while both of the other app's attempts were still waiting for an answer.
    const pending = await prisma.icrWebhookDelivery.findMany({ where: { id: { in: stuck } } });
    expect(pending.map((d) => [d.status, d.attempts, d.lastError])).toEqual([
      ["pending", 1, null],
      ["pending", 1, null],
    ]);
    expect(hung.every((res) => !res.writableEnded)).toBe(true);

    for (const res of hung) res.destroy();
    await new Promise<void>((r) => hanging.close(() => r()));
    await receiver.close();
  });
});
