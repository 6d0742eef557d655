import type PgBoss from "pg-boss";
import { bossWithQueue } from "@/lib/jobs/boss";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";
import { prisma, type TTx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { mailMessageId, sendMail } from "@/lib/mail/transport";

// The outbox pattern both sides share; each side has its own table and queue (icr_mail_outbox /
// icr-mail, cm_mail_outbox / cm-mail) and renders its own mails.
export type TMailTable = "icr_mail_outbox" | "cm_mail_outbox";
export type TMail = { eventKey: string; kind: string; recipient: string; subject: string; text: string; html: string };
export type TMailJob = { outboxId: string };

/** ~10 attempts over about an hour and a half: 5 s, 10 s, 20 s, … (pg-boss exponential backoff). */
export const MAIL_RETRY = { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 } as const;

/**
 * Records mails in the transaction of the event that causes them and queues a job for each new
 * one in that same transaction. A repeat of an (eventKey, recipient) already recorded (a retried
 * or doubly delivered event) is ignored, so each event mails each recipient at most once.
 */
export async function queueMails(
  db: TTx,
  opts: { table: TMailTable; queue: string; mails: TMail[] },
): Promise<string[]> {
  const ids: string[] = [];
  const table = Prisma.raw(`"${opts.table}"`);
  for (const m of opts.mails) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO ${table} (id, "eventKey", kind, recipient, subject, text, html)
      VALUES (gen_random_uuid(), ${m.eventKey}, ${m.kind}, ${m.recipient}, ${m.subject}, ${m.text}, ${m.html})
      ON CONFLICT ("eventKey", recipient) DO NOTHING
      RETURNING id::text`;
    if (rows[0]) ids.push(rows[0].id);
  }
  if (!ids.length) return ids;
  const b = await bossWithQueue(opts.queue, MAIL_RETRY);
  for (const id of ids)
    await b.send(opts.queue, { outboxId: id } satisfies TMailJob, {
      ...MAIL_RETRY,
      id,
      db: jobsInTransaction(db),
    } as PgBoss.SendOptions);
  return ids;
}

type TOutboxRow = { id: string; recipient: string; subject: string; text: string; html: string; sentAt: Date | null };

/**
 * Sends one recorded mail unless it was sent already. The row stays locked while the SMTP server
 * is asked, and `sentAt` is set in that transaction, so two workers never both send it. A crash
 * after the server accepted the mail but before the commit resends it once, with the same
 * Message-ID. An SMTP failure is recorded and thrown, so pg-boss retries the job.
 */
export async function deliverOutboxMail(opts: {
  table: TMailTable;
  outboxId: string;
  from: string;
  siteUrl: string;
}): Promise<"sent" | "already sent" | "gone"> {
  const table = Prisma.raw(`"${opts.table}"`);
  try {
    return await prisma.$transaction(
      async (db) => {
        const [row] = await db.$queryRaw<
          TOutboxRow[]
        >`SELECT id::text, recipient, subject, text, html, "sentAt" FROM ${table} WHERE id = ${opts.outboxId}::uuid FOR UPDATE`;
        if (!row) return "gone" as const;
        if (row.sentAt) return "already sent" as const;
        await sendMail({
          from: opts.from,
          to: row.recipient,
          subject: row.subject,
          text: row.text,
          html: row.html,
          messageId: mailMessageId(row.id, opts.siteUrl),
        });
        await db.$executeRaw`UPDATE ${table} SET "sentAt" = now(), attempts = attempts + 1, "lastError" = NULL WHERE id = ${opts.outboxId}::uuid`;
        return "sent" as const;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (err) {
    await prisma.$executeRaw`UPDATE ${table} SET attempts = attempts + 1, "lastError" = ${String((err as Error).message).slice(0, 500)} WHERE id = ${opts.outboxId}::uuid AND "sentAt" IS NULL`;
    throw err;
  }
}
