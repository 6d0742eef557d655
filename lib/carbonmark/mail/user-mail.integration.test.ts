import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startMailCatcher } from "../../stack/mail-catcher.ts";
import { freePort } from "../../stack/ports.ts";
import { applyIcrTransaction } from "@/lib/carbonmark/imports/apply-icr-transaction";
import { CM_MAIL_QUEUE, cmMailQueue } from "@/lib/carbonmark/mail/mail-queue";
import { setMailPreference } from "@/lib/carbonmark/mail/mail-preferences";
import { queueExportReceipt, queueRetirementReceipt } from "@/lib/carbonmark/mail/queue-receipt-mail";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";

const catcher = await startMailCatcher({ smtpPort: await freePort(), httpPort: await freePort() });
process.env.SMTP_URL = catcher.smtpUrl;

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await catcher.stop();
});

const CREDIT = "exPost-1-0x2222222222222222222222222222222222222222";
const deliverAll = async () => {
  for (const row of await prisma.cmMailOutbox.findMany({ where: { sentAt: null } }))
    await cmMailQueue.handler([{ id: row.id, name: CM_MAIL_QUEUE, data: { outboxId: row.id } } as never]);
};
const mailsTo = (email: string) => catcher.messages.filter((m) => m.to.includes(email)).reverse();

describe("[MAIL] the Carbonmark user hears about each import, export and retirement", async () => {
  const user = await ensureCmUser({
    email: `mail-${randomUUID().slice(0, 8)}@carbonmark.test`,
    name: "Mail User",
    password: "pw-mail-12345",
  });
  const newImport = async () => {
    const icrTransactionId = randomUUID();
    await prisma.cmImport.create({
      data: {
        userId: user.id,
        idempotencyKey: randomUUID(),
        organizationId: randomUUID(),
        creditId: CREDIT,
        projectName: "Icelandic Highlands Reforestation",
        serialization: "ICR-ISL-1-2021",
        vintage: "2021",
        amount: "2.5",
        toAddress: "0x00000000000000000000000000000000000000b2",
        icrTransactionId,
        state: "pending_request",
      },
    });
    return icrTransactionId;
  };

  it("mails 'arrived' once even when ICR's webhook and the poll both report it", async () => {
    const id = await newImport();
    await applyIcrTransaction({ id, state: "pending_onchain", txId: "0xabc" });
    await Promise.all([
      applyIcrTransaction({ id, state: "processed", txId: "0xabc" }),
      applyIcrTransaction({ id, state: "processed", txId: "0xabc" }),
    ]);
    await applyIcrTransaction({ id, state: "processed", txId: "0xabc" });
    await deliverAll();
    await deliverAll();
    const mails = mailsTo(user.email);
    expect(mails.map((m) => m.subject)).toEqual(["2.5 tCO₂e arrived in your Carbonmark wallet"]);
    expect(mails[0]!.text).toContain("Icelandic Highlands Reforestation");
    expect(mails[0]!.text).toContain("/portfolio");
  });

  it("mails 'declined' and 'failed' with the reason", async () => {
    const declined = await newImport();
    await applyIcrTransaction({ id: declined, state: "rejected", txId: null });
    const failed = await newImport();
    await applyIcrTransaction({
      id: failed,
      state: "failed",
      txId: null,
      failureReason: "The operator ran out of gas",
    });
    await deliverAll();
    const subjects = mailsTo(user.email).map((m) => m.subject);
    expect(subjects).toContain("Your import of 2.5 tCO₂e was declined on ICR");
    expect(subjects).toContain("Your import of 2.5 tCO₂e failed");
    expect(mailsTo(user.email).find((m) => m.subject.endsWith("failed"))!.text).toContain(
      "The operator ran out of gas",
    );
  });

  it("sends no mail of a kind the user turned off, and sends it again once turned back on", async () => {
    await setMailPreference({ userId: user.id, kind: "import_arrived", isEnabled: false });
    await deliverAll(); // the security notice of the change itself (always sent)
    const before = mailsTo(user.email).length;
    const off = await newImport();
    await applyIcrTransaction({ id: off, state: "processed", txId: "0xdef" });
    await deliverAll();
    expect(mailsTo(user.email).length).toBe(before);
    expect(await prisma.cmImport.findFirstOrThrow({ where: { icrTransactionId: off } })).toMatchObject({
      state: "processed",
    });

    await setMailPreference({ userId: user.id, kind: "import_arrived", isEnabled: true });
    const on = await newImport();
    await applyIcrTransaction({ id: on, state: "processed", txId: "0x123" });
    await deliverAll();
    // The notice that the setting changed, and the receipt.
    expect(
      mailsTo(user.email)
        .map((m) => m.subject)
        .slice(before),
    ).toEqual(
      expect.arrayContaining([
        "Security notice: Your notification settings changed",
        "2.5 tCO₂e arrived in your Carbonmark wallet",
      ]),
    );
    expect(mailsTo(user.email).length).toBe(before + 2);
  });

  it("sends one receipt per export and per certified retirement, with the certificate link", async () => {
    const exp = await prisma.cmExport.create({
      data: {
        userId: user.id,
        idempotencyKey: randomUUID(),
        organizationId: randomUUID(),
        creditId: CREDIT,
        amount: "1",
        toAddress: "0x00000000000000000000000000000000000000c3",
        txHash: `0x${"1".repeat(64)}`,
        status: "confirmed",
      },
    });
    const ret = await prisma.cmRetirement.create({
      data: {
        userId: user.id,
        idempotencyKey: randomUUID(),
        creditId: CREDIT,
        amount: "0.5",
        beneficiary: "Acme hf.",
        reason: "Offsetting 2026",
        comment: "",
        txHash: `0x${"2".repeat(64)}`,
        status: "confirmed",
        icrRetirementId: "ret-42",
      },
    });
    for (let i = 0; i < 2; i++) {
      await prisma.$transaction(async (db) => {
        await queueExportReceipt(db, exp);
        await queueRetirementReceipt(db, ret);
      });
    }
    await deliverAll();
    const mails = mailsTo(user.email);
    expect(mails.filter((m) => m.subject === "Receipt: 1 tCO₂e sent to ICR")).toHaveLength(1);
    const receipt = mails.filter((m) => m.subject === "Receipt: 0.5 tCO₂e retired for Acme hf.");
    expect(receipt).toHaveLength(1);
    expect(receipt[0]!.text).toContain("/api/carbonmark/certificates/ret-42");
  });
});
