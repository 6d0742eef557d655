import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { applyIcrTransaction } from "@/lib/carbonmark/imports/apply-icr-transaction";
import { emitImportEvent } from "@/lib/carbonmark/user-webhooks/change-events";
import { DISABLE_AFTER_FAILING_MS, deliverUserWebhook } from "@/lib/carbonmark/user-webhooks/deliver-event";
import { addWebhookEndpoint, listDeliveries, resendDelivery } from "@/lib/carbonmark/user-webhooks/manage-endpoints";
import { attemptJobId, USER_WEBHOOK_QUEUE } from "@/lib/carbonmark/user-webhooks/webhook-jobs";
import { userWebhookQueue } from "@/lib/carbonmark/user-webhooks/webhook-queue";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { startLocalServer } from "@/lib/testing/local-http-server";
import { loopbackOnlyAgent } from "@/lib/testing/loopback-only-agent";
import { MAX_ATTEMPTS, RETRY_DELAYS_S } from "@/lib/webhooks/retry-schedule";
import { verifySignatureHeader } from "@/lib/webhooks/signature";

// The local receivers are on loopback: allowed only under this test setting (read when config() is first built).
process.env.WEBHOOKS_ALLOW_LOOPBACK = "true";

type TReceived = { eventId: string; body: string; signature: string };

/** A user's receiver as docs/api.md shows it: checks the signature and its timestamp, answers `status`. */
async function receiver(secret: () => string, status: () => number) {
  const received: TReceived[] = [];
  const server = await startLocalServer((req, res) => {
    const check = verifySignatureHeader({
      body: req.body,
      header: req.headers["carbonmark-signature"] as string,
      secret: secret(),
      toleranceS: 10 * 365 * 24 * 3600, // the tests sign at scheduled (future) times
    });
    received.push({
      eventId: String(req.headers["carbonmark-event-id"]),
      body: req.body,
      signature: String(req.headers["carbonmark-signature"]),
    });
    res.writeHead(check.ok ? status() : 400);
    res.end(check.ok ? "" : check.reason);
  });
  return { ...server, received };
}

async function userWithImport(label: string) {
  const u = await ensureCmUser({
    email: `hooks-${label}@test.local`,
    name: "H",
    password: "password-123",
    pin: "123456",
  });
  const imp = await prisma.cmImport.create({
    data: {
      userId: u.id,
      idempotencyKey: randomUUID(),
      organizationId: randomUUID(),
      creditId: "exPost-1-0x2222222222222222222222222222222222222222",
      projectName: "P",
      serialization: "S",
      vintage: "2021",
      amount: "0.001",
      toAddress: u.wallet!.address,
      icrTransactionId: randomUUID(),
      state: "pending_onchain",
    },
  });
  return { u, imp };
}

async function jobsOf(deliveryId: string) {
  return prisma.$queryRaw<{ id: string; data: { attempt: number }; start_after: Date }[]>`
    SELECT id::text, data, start_after FROM pgboss.job
    WHERE name = ${USER_WEBHOOK_QUEUE} AND data->>'deliveryId' = ${deliveryId} ORDER BY (data->>'attempt')::int`;
}

beforeAll(() => {
  expect(process.env.WEBHOOKS_ALLOW_LOOPBACK).toBe("true");
});

describe("events", () => {
  it("one change makes one event, created with the change; a repeated ICR update makes none", async () => {
    const { u, imp } = await userWithImport("once");
    const r = await receiver(
      () => "",
      () => 200,
    );
    await addWebhookEndpoint({ userId: u.id, url: `${r.url}/hook` });
    const processed = { id: imp.icrTransactionId!, state: "processed" as const, txId: "0x" + "cd".repeat(32) };
    await applyIcrTransaction(processed);
    await applyIcrTransaction(processed);
    // The same change reported again by any path (a retried job) finds its event.
    const moved = await prisma.cmImport.findUniqueOrThrow({ where: { id: imp.id } });
    await prisma.$transaction((db) => emitImportEvent(db, moved));
    const events = await prisma.cmWebhookEvent.findMany({ where: { userId: u.id } });
    expect(events.map((e) => e.type)).toEqual(["import.arrived"]);
    expect(JSON.parse(events[0]!.body)).toMatchObject({
      id: events[0]!.id,
      type: "import.arrived",
      data: { id: imp.id, amount: "0.001", state: "processed" },
    });
    const deliveries = await prisma.cmEndpointDelivery.findMany({ where: { eventId: events[0]!.id } });
    expect(deliveries).toHaveLength(1);
    expect((await jobsOf(deliveries[0]!.id)).map((j) => j.id)).toEqual([attemptJobId(deliveries[0]!.id, 1)]);
    await r.close();
  });

  it("a change rolled back leaves no event and no job", async () => {
    const { u, imp } = await userWithImport("rollback");
    const r = await receiver(
      () => "",
      () => 200,
    );
    await addWebhookEndpoint({ userId: u.id, url: `${r.url}/hook` });
    await expect(
      prisma.$transaction(async (db) => {
        await emitImportEvent(db, await db.cmImport.update({ where: { id: imp.id }, data: { state: "rejected" } }));
        throw new Error("the change failed after the event was written");
      }),
    ).rejects.toThrow(/the change failed/);
    expect(await prisma.cmWebhookEvent.count({ where: { userId: u.id } })).toBe(0);
    expect(await prisma.cmEndpointDelivery.count({ where: { endpoint: { userId: u.id } } })).toBe(0);
    await r.close();
  });
});

describe("delivery", () => {
  it("signs each attempt; a 500 is retried on the schedule for more than a day, always with the same event id", async () => {
    const { u, imp } = await userWithImport("retry");
    let secret = "";
    const r = await receiver(
      () => secret,
      () => 500,
    );
    const endpoint = await addWebhookEndpoint({ userId: u.id, url: `${r.url}/hook` });
    secret = endpoint.secret;
    await applyIcrTransaction({ id: imp.icrTransactionId!, state: "rejected" });
    const delivery = await prisma.cmEndpointDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });

    const first = new Date();
    let at = first;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await deliverUserWebhook({ deliveryId: delivery.id, attempt }, { now: at });
      const row = await prisma.cmEndpointDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastStatus).toBe(500);
      if (attempt < MAX_ATTEMPTS) {
        const expected = new Date(at.getTime() + RETRY_DELAYS_S[attempt - 1]! * 1000);
        expect(result).toMatchObject({ nextAttemptAt: expected });
        expect(row).toMatchObject({ status: "pending", nextAttemptAt: expected });
        const job = (await jobsOf(delivery.id)).find((j) => j.data.attempt === attempt + 1);
        expect(job?.start_after).toEqual(expected);
        expect(job?.id).toBe(attemptJobId(delivery.id, attempt + 1));
        at = expected;
      } else {
        expect(row).toMatchObject({ status: "failed", nextAttemptAt: null });
        expect(await jobsOf(delivery.id)).toHaveLength(MAX_ATTEMPTS);
      }
    }
    expect(at.getTime() - first.getTime()).toBeGreaterThan(24 * 3600_000);
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
    const event = await prisma.cmWebhookEvent.findUniqueOrThrow({ where: { id: delivery.eventId } });
    expect(new Set(r.received.map((x) => x.eventId))).toEqual(new Set([event.id]));
    expect(new Set(r.received.map((x) => x.body))).toEqual(new Set([event.body]));
    // Each attempt is signed at its own time (a receiver refusing old timestamps still accepts retries).
    expect(new Set(r.received.map((x) => x.signature)).size).toBe(MAX_ATTEMPTS);
    // An attempt run twice (pg-boss retried a finished job) sends nothing more.
    expect(await deliverUserWebhook({ deliveryId: delivery.id, attempt: 3 })).toEqual({ skipped: "already failed" });
    await r.close();
  });

  it("a worker that dies after claiming an attempt loses nothing: the retried job delivers it, same event id", async () => {
    // Crash after claim, simulated by a hook that throws between the claim and the POST (no real kill -9).
    expect(userWebhookQueue.reclaimIfWorkerDies).toBe(true);
    expect(userWebhookQueue.options?.retryLimit).toBeGreaterThan(0);
    const { u, imp } = await userWithImport("crash");
    let secret = "";
    const r = await receiver(
      () => secret,
      () => 200,
    );
    const endpoint = await addWebhookEndpoint({ userId: u.id, url: `${r.url}/hook` });
    secret = endpoint.secret;
    await applyIcrTransaction({ id: imp.icrTransactionId!, state: "failed", failureReason: "chain said no" });
    const delivery = await prisma.cmEndpointDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    await expect(
      deliverUserWebhook(
        { deliveryId: delivery.id, attempt: 1 },
        {
          afterClaim: () => {
            throw new Error("killed");
          },
        },
      ),
    ).rejects.toThrow("killed");
    expect(await prisma.cmEndpointDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    // pg-boss retries the same job (same data) once the dead worker's claim is reclaimed.
    expect(await deliverUserWebhook({ deliveryId: delivery.id, attempt: 1 })).toEqual({ delivered: 200 });
    expect(r.received.map((x) => x.eventId)).toEqual([delivery.eventId]);
    const log = await listDeliveries({ userId: u.id });
    expect(log[0]).toMatchObject({ eventType: "import.failed", status: "delivered", attempts: 1, lastStatus: 200 });

    // "Send again": one more attempt, same event id and body.
    await resendDelivery({ userId: u.id, deliveryId: delivery.id });
    expect((await jobsOf(delivery.id)).map((j) => j.data.attempt)).toEqual([1, 2]);
    expect(await deliverUserWebhook({ deliveryId: delivery.id, attempt: 2 })).toEqual({ delivered: 200 });
    expect(r.received.map((x) => x.eventId)).toEqual([delivery.eventId, delivery.eventId]);
    expect(r.received[0]!.body).toBe(r.received[1]!.body);
    await r.close();
  });

  it("kill -9 of a process in the middle of a delivery loses nothing: the retry sends the same event", async () => {
    const { u, imp } = await userWithImport("kill9");
    let secret = "";
    let hang = true;
    let gotFirst: () => void = () => undefined;
    const firstArrived = new Promise<void>((resolve) => (gotFirst = resolve));
    const received: string[] = [];
    const server = await startLocalServer((req, res) => {
      received.push(String(req.headers["carbonmark-event-id"]));
      const check = verifySignatureHeader({
        body: req.body,
        header: req.headers["carbonmark-signature"] as string,
        secret,
      });
      if (hang) return gotFirst(); // never answers: the sender is killed while it waits
      res.writeHead(check.ok ? 200 : 400);
      res.end();
    });
    const endpoint = await addWebhookEndpoint({ userId: u.id, url: `${server.url}/hook` });
    secret = endpoint.secret;
    await applyIcrTransaction({ id: imp.icrTransactionId!, state: "rejected" });
    const delivery = await prisma.cmEndpointDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });

    const child = spawn(
      process.execPath,
      [
        "node_modules/tsx/dist/cli.mjs",
        "-e",
        `import("./lib/carbonmark/user-webhooks/deliver-event.ts").then((m) => m.deliverUserWebhook(${JSON.stringify({ deliveryId: delivery.id, attempt: 1 })}))`,
      ],
      { env: process.env, stdio: "ignore" },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await firstArrived;
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(await prisma.cmEndpointDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    // pg-boss retries the killed worker's job (same data): the event goes out again, same id.
    hang = false;
    expect(await deliverUserWebhook({ deliveryId: delivery.id, attempt: 1 })).toEqual({ delivered: 200 });
    expect(received).toEqual([delivery.eventId, delivery.eventId]);
    await server.close();
  });

  it("re-checks the address at delivery: a name now resolving to a link-local address is refused before any connection", async () => {
    const { u, imp } = await userWithImport("rebind");
    const publicAnswer = async () => [{ address: "93.184.215.14", family: 4 as const }];
    const endpoint = await addWebhookEndpoint({
      userId: u.id,
      url: "https://hooks.customer.example/cm",
      resolver: publicAnswer,
    });
    await applyIcrTransaction({ id: imp.icrTransactionId!, state: "rejected" });
    const delivery = await prisma.cmEndpointDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    const net = loopbackOnlyAgent();
    const result = await deliverUserWebhook(
      { deliveryId: delivery.id, attempt: 1 },
      { resolver: async () => [{ address: "169.254.169.254", family: 4 }], agent: net.agent },
    );
    expect(result).toMatchObject({ failed: expect.stringMatching(/169\.254\.169\.254.*link-local/) });
    expect(net.attempts).toEqual([]);
  });

  it("refuses endpoints that are not https or resolve to private addresses when added", async () => {
    const { u } = await userWithImport("add");
    await expect(addWebhookEndpoint({ userId: u.id, url: "ftp://hooks.example/" })).rejects.toThrow(/https/);
    await expect(
      addWebhookEndpoint({
        userId: u.id,
        url: "https://intranet.example/",
        resolver: async () => [{ address: "10.0.0.8", family: 4 }],
      }),
    ).rejects.toThrow(/private, loopback or link-local/);
    await expect(addWebhookEndpoint({ userId: u.id, url: "https://[fe80::1]/" })).rejects.toThrow(/link-local/);
    expect(await prisma.cmWebhookEndpoint.count({ where: { userId: u.id } })).toBe(0);
  });

  it("an endpoint failing for days is disabled and its owner mailed", async () => {
    const { u, imp } = await userWithImport("disable");
    const r = await receiver(
      () => "",
      () => 500,
    );
    const endpoint = await addWebhookEndpoint({ userId: u.id, url: `${r.url}/hook` });
    const now = new Date();
    await prisma.cmWebhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(now.getTime() - DISABLE_AFTER_FAILING_MS - 60_000) },
    });
    await applyIcrTransaction({ id: imp.icrTransactionId!, state: "rejected" });
    const delivery = await prisma.cmEndpointDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(await deliverUserWebhook({ deliveryId: delivery.id, attempt: 1 }, { now })).toMatchObject({
      disabled: true,
    });
    expect((await prisma.cmWebhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).disabledAt).toEqual(now);
    const mail = await prisma.cmMailOutbox.findMany({
      where: { kind: "webhook_endpoint_disabled", recipient: u.email },
    });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(endpoint.url);
    // Its pending retry sends nothing.
    expect(await deliverUserWebhook({ deliveryId: delivery.id, attempt: 2 })).toEqual({ skipped: "endpoint disabled" });
    expect(r.received).toHaveLength(1);
    await r.close();
  });
});
