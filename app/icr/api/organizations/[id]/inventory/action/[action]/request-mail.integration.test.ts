import { afterAll, describe, expect, it } from "vitest";
import { startMailCatcher, type TMailCatcher } from "@/lib/stack/mail-catcher";
import { freePort } from "@/lib/stack/ports";
import { POST } from "@/app/icr/api/organizations/[id]/inventory/action/[action]/route";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { ICR_MAIL_QUEUE, icrMailQueue } from "@/lib/registry/mail/mail-queue";
import { setIcrMailPreference } from "@/lib/registry/mail/mail-preferences";
import { queueRequestMail } from "@/lib/registry/mail/queue-request-mail";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";
import { ensureIcrUser } from "@/lib/seed/registry-factories";

const smtpPort = await freePort();
const httpPort = await freePort();
let catcher: TMailCatcher = await startMailCatcher({ smtpPort, httpPort });
process.env.SMTP_URL = catcher.smtpUrl;

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await catcher.stop();
});

const deliver = (outboxId: string) =>
  icrMailQueue.handler([{ id: outboxId, name: ICR_MAIL_QUEUE, data: { outboxId } } as never]);
const mailsTo = (email: string) => catcher.messages.filter((m) => m.to.includes(email));

describe("[MAIL] ICR admins are mailed when a request awaits their approval", async () => {
  const a = await orgWithCredits("mail");
  const admin2 = await ensureIcrUser({
    email: "second-admin-mail@test.icr",
    name: "Second admin",
    password: "pw-admin-123",
    memberships: [{ organizationId: a.org.id, role: "admin" }],
  });
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write"]);
  const toAddress = "0x00000000000000000000000000000000000000a1";
  const transfer = (amount: number) =>
    callRoute(POST, {
      url: `/organizations/${a.org.id}/inventory/action/transfer`,
      params: { id: a.org.id, action: "transfer" },
      token,
      body: { creditId: a.credit.id, amount, toAddress },
    });
  const outboxOf = (requestId: string) =>
    prisma.icrMailOutbox.findMany({ where: { eventKey: `request:${requestId}` }, orderBy: { recipient: "asc" } });

  it("says whose account an app acts for", async () => {
    const r = await callRoute(POST, {
      url: `/organizations/${a.org.id}/inventory/action/transfer`,
      params: { id: a.org.id, action: "transfer" },
      token,
      body: {
        creditId: a.credit.id,
        amount: 0.25,
        toAddress,
        onBehalfOf: { accountId: "acct-42", name: "Stranger Danger", email: "stranger@example.test" },
      },
    });
    expect(r.status).toBe(200);
    const rows = await outboxOf(r.json.id);
    expect(rows[0]!.text).toContain("On behalf of: Stranger Danger (stranger@example.test)");
  });

  it("mails each admin (not members) once: what, how much, to which address, who asked, a link to the request", async () => {
    const r = await transfer(1.5);
    expect(r.status).toBe(200);
    const rows = await outboxOf(r.json.id);
    expect(rows.map((x) => x.recipient).sort()).toEqual([a.admin.email, admin2.email].sort());
    // The job was queued in the request's transaction, under the outbox row's id.
    const jobs = await prisma.$queryRaw<
      { id: string; retry_limit: number }[]
    >`SELECT id::text, retry_limit FROM pgboss.job WHERE name = ${ICR_MAIL_QUEUE} AND id = ANY(${rows.map((x) => x.id)}::uuid[])`;
    expect(jobs).toHaveLength(2);
    expect(jobs[0]!.retry_limit).toBeGreaterThan(0);

    for (const row of rows) await deliver(row.id);
    const [mail] = mailsTo(a.admin.email);
    expect(mail!.subject).toBe("A transfer request awaits your approval");
    expect(mail!.text).toContain("1.5 tCO₂e");
    expect(mail!.text.toLowerCase()).toContain(toAddress);
    expect(mail!.text).toContain(a.credit.serialization);
    expect(mail!.text).toContain("Asked by: an access token");
    expect(mail!.text).toContain(`/organizations/${a.org.id}/inventory?request=${r.json.id}`);
    expect(mail!.messageId).toBe(`<${rows.find((x) => x.recipient === a.admin.email)!.id}@127.0.0.1>`);
    expect(mailsTo(a.member.email)).toHaveLength(0);
    expect((await outboxOf(r.json.id)).every((x) => x.sentAt)).toBe(true);
  });

  it("never sends a mail twice: a repeated job, two workers at once, or the same event queued again", async () => {
    const r = await transfer(0.5);
    const [row] = (await outboxOf(r.json.id)).filter((x) => x.recipient === a.admin.email);
    const before = mailsTo(a.admin.email).length;
    await Promise.all([deliver(row!.id), deliver(row!.id)]);
    await deliver(row!.id);
    const request = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.json.id } });
    await prisma.$transaction((db) => queueRequestMail(db, request));
    expect(await outboxOf(r.json.id)).toHaveLength(2);
    expect(mailsTo(a.admin.email).length - before).toBe(1);
  });

  it("records no mail when the request itself is refused", async () => {
    const before = await prisma.icrMailOutbox.count();
    const r = await transfer(1000);
    expect(r.status).toBe(409);
    expect(await prisma.icrMailOutbox.count()).toBe(before);
  });

  it("sends nothing to an admin who turned these mails off", async () => {
    await setIcrMailPreference({ userId: admin2.id, kind: "request_awaiting_approval", isEnabled: false });
    const r = await transfer(0.25);
    expect((await outboxOf(r.json.id)).map((x) => x.recipient)).toEqual([a.admin.email]);
    await setIcrMailPreference({ userId: admin2.id, kind: "request_awaiting_approval", isEnabled: true });
  });

  it("retries when the SMTP server is down, then sends the mail once", async () => {
    const r = await transfer(0.125);
    const [row] = (await outboxOf(r.json.id)).filter((x) => x.recipient === a.admin.email);
    await catcher.stop();
    await expect(deliver(row!.id)).rejects.toThrow();
    const failed = await prisma.icrMailOutbox.findUniqueOrThrow({ where: { id: row!.id } });
    expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
    expect(failed.lastError).toBeTruthy();

    catcher = await startMailCatcher({ smtpPort, httpPort });
    await deliver(row!.id);
    expect(mailsTo(a.admin.email)).toHaveLength(1);
    expect(await prisma.icrMailOutbox.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      attempts: 2,
      lastError: null,
    });
  });

  it("a mail the SMTP server refused is sent by pg-boss's own retry once the server is back", async () => {
    await catcher.stop();
    const r = await transfer(0.062);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const [row] = (await outboxOf(r.json.id)).filter((x) => x.recipient === a.admin.email);
    const b = await boss();
    await b.work(ICR_MAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, icrMailQueue.handler as never);
    await expect
      .poll(async () => (await prisma.icrMailOutbox.findUniqueOrThrow({ where: { id: row!.id } })).attempts, {
        timeout: 15_000,
        interval: 250,
      })
      .toBeGreaterThanOrEqual(1);
    catcher = await startMailCatcher({ smtpPort, httpPort });
    await expect
      .poll(async () => (await prisma.icrMailOutbox.findUniqueOrThrow({ where: { id: row!.id } })).sentAt, {
        timeout: 45_000,
        interval: 500,
      })
      .not.toBeNull();
    await b.offWork(ICR_MAIL_QUEUE);
    expect(mailsTo(a.admin.email).filter((m) => m.text.includes(r.json.id))).toHaveLength(1);
  });
});
