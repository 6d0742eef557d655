// A state change and the webhook that tells the app about it commit together or not at all. The
// moment between them (a crash of the web or worker process right after the state change) is
// reproduced by making PostgreSQL refuse the webhook's job: the change must not happen either, and
// once the fault is gone the retried action delivers each state exactly once.
import { Wallet } from "ethers";
import { afterAll, describe, expect, it } from "vitest";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { ensureApp } from "@/lib/seed/registry-factories";
import { installApp } from "@/lib/registry/apps/install-app";
import { uninstallApp } from "@/lib/registry/apps/uninstall-app";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { declineRequest } from "@/lib/registry/requests/decline-request";
import { processRequests } from "@/lib/registry/requests/process-request";
import { WEBHOOK_QUEUE, webhookBoss } from "@/lib/registry/webhooks/webhook-jobs";
import { orgWithCredits } from "@/lib/testing/registry-api";

const APP_ID = process.env.ICR_APP_ID!;

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

/** While on, PostgreSQL refuses every new webhook job (what a process killed before queuing it leaves). */
async function webhookQueueDown(on: boolean) {
  if (!on) return void (await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_refuse_webhook ON pgboss.job`));
  await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_refuse_webhook() RETURNS trigger AS $$
    BEGIN IF NEW.name = '${WEBHOOK_QUEUE}' THEN RAISE EXCEPTION 'the webhook queue is down (test)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER test_refuse_webhook BEFORE INSERT ON pgboss.job FOR EACH ROW EXECUTE FUNCTION test_refuse_webhook()`,
  );
}

type TQueued = { deliveryId: string; event: string; state: string | null; organizationId: string | null };

/** Every webhook job queued, with the transaction state its body reports. */
async function queuedWebhooks(): Promise<TQueued[]> {
  return prisma.$queryRaw<TQueued[]>`
    SELECT data->>'deliveryId' AS "deliveryId", data->>'event' AS event,
      (data->>'body')::jsonb->'transaction'->>'state' AS state,
      (data->>'body')::jsonb->'installation'->>'organizationId' AS "organizationId"
    FROM (SELECT data FROM pgboss.job WHERE name = ${WEBHOOK_QUEUE} UNION ALL SELECT data FROM pgboss.archive WHERE name = ${WEBHOOK_QUEUE}) j`;
}

async function statesSentFor(transactionId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ state: string }[]>`
    SELECT (data->>'body')::jsonb->'transaction'->>'state' AS state
    FROM (SELECT data FROM pgboss.job WHERE name = ${WEBHOOK_QUEUE} UNION ALL SELECT data FROM pgboss.archive WHERE name = ${WEBHOOK_QUEUE}) j
    WHERE (data->>'body')::jsonb->'transaction'->>'id' = ${transactionId}`;
  return rows.map((r) => r.state).sort();
}

/** Deliveries recorded for the app's owner that no job will ever send. */
async function deliveriesWithoutJob(organizationId: string): Promise<number> {
  const [{ n }] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM icr_webhook_delivery d WHERE d."organizationId" = ${organizationId}::uuid AND NOT EXISTS (
      SELECT 1 FROM (SELECT data FROM pgboss.job WHERE name = ${WEBHOOK_QUEUE} UNION ALL SELECT data FROM pgboss.archive WHERE name = ${WEBHOOK_QUEUE}) j
      WHERE j.data->>'deliveryId' = d.id::text)`;
  return Number(n);
}

/** An organization with the app installed, and a transfer request the app made there. */
async function appRequest(label: string, amount: string) {
  const a = await orgWithCredits(label);
  await installApp({ appId: APP_ID, organizationId: a.org.id, userId: a.admin.id });
  const r = await createRequest({
    organizationId: a.org.id,
    action: "transfer",
    input: { creditId: a.credit.id, amount, toAddress: Wallet.createRandom().address },
    requestedByAppId: APP_ID,
  });
  return { a, r };
}

describe("a request's state changes and their webhooks commit together", async () => {
  await webhookBoss(); // pg-boss's tables exist before the fault is installed on them
  await ensureApp({
    id: APP_ID,
    nameId: "carbonmark",
    name: "Carbonmark",
    description: "test",
    privateKeyPem: process.env.ICR_APP_PRIVATE_KEY!,
    callbackUrls: [],
    webhookUrl: "http://127.0.0.1:1/unused",
    webhookSecret: "s".repeat(24),
  });

  it("an Accept whose webhook cannot be queued changes nothing; retried, the app hears of each state once", async () => {
    const { a, r } = await appRequest("wh-accept", "0.5");

    await webhookQueueDown(true);
    try {
      await expect(acceptRequest({ requestId: r.id, userId: a.admin.id })).rejects.toThrow(
        /the webhook queue is down \(test\)/,
      );
    } finally {
      await webhookQueueDown(false);
    }
    expect(await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
      state: "pending_request",
      decidedById: null,
    });
    expect(await deliveriesWithoutJob(a.org.id)).toBe(0);

    await acceptRequest({ requestId: r.id, userId: a.admin.id });
    expect(await statesSentFor(r.id)).toEqual(["pending_queue", "pending_request"]);
  });

  it("a worker that finishes a transfer but cannot queue its webhook leaves it unfinished; the retry finishes it and sends `processed` once", async () => {
    const { a, r } = await appRequest("wh-finish", "0.25");
    await acceptRequest({ requestId: r.id, userId: a.admin.id });

    await webhookQueueDown(true);
    try {
      await expect(processRequests([r.id])).rejects.toThrow(/the webhook queue is down \(test\)/);
    } finally {
      await webhookQueueDown(false);
    }
    expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("pending_onchain");
    expect(await deliveriesWithoutJob(a.org.id)).toBe(0);

    await processRequests([r.id]);
    await processRequests([r.id]); // a second worker's late retry adds nothing
    expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("processed");
    expect(await statesSentFor(r.id)).toEqual(["pending_queue", "pending_request", "processed"]);
  });

  it("a Decline whose webhook cannot be queued changes nothing", async () => {
    const { a, r } = await appRequest("wh-decline", "0.5");
    await webhookQueueDown(true);
    try {
      await expect(declineRequest({ requestId: r.id, userId: a.admin.id })).rejects.toThrow(
        /the webhook queue is down \(test\)/,
      );
    } finally {
      await webhookQueueDown(false);
    }
    expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("pending_request");
    await declineRequest({ requestId: r.id, userId: a.admin.id });
    expect(await statesSentFor(r.id)).toEqual(["pending_request", "rejected"]);
  });

  it("an install whose `installed` webhook (the app's proof of consent) cannot be queued installs nothing; so does an uninstall", async () => {
    const a = await orgWithCredits("wh-install");
    await webhookQueueDown(true);
    try {
      await expect(installApp({ appId: APP_ID, organizationId: a.org.id, userId: a.admin.id })).rejects.toThrow(
        /the webhook queue is down \(test\)/,
      );
    } finally {
      await webhookQueueDown(false);
    }
    expect(await prisma.icrInstallation.count({ where: { organizationId: a.org.id, isActive: true } })).toBe(0);

    const { installation } = await installApp({ appId: APP_ID, organizationId: a.org.id, userId: a.admin.id });
    await webhookQueueDown(true);
    try {
      await expect(uninstallApp({ installationId: installation.id, userId: a.admin.id })).rejects.toThrow(
        /the webhook queue is down \(test\)/,
      );
    } finally {
      await webhookQueueDown(false);
    }
    expect((await prisma.icrInstallation.findUniqueOrThrow({ where: { id: installation.id } })).isActive).toBe(true);
    await uninstallApp({ installationId: installation.id, userId: a.admin.id });
    const sent = (await queuedWebhooks()).filter((w) => w.organizationId === a.org.id).map((w) => w.event);
    expect(sent.sort()).toEqual(["installed", "uninstalled"]);
    expect(await deliveriesWithoutJob(a.org.id)).toBe(0);
  });
});
