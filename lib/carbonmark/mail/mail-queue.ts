import { z } from "zod";
import { config } from "@/lib/config";
import type { TQueue } from "@/lib/jobs/queue";
import type { TTx } from "@/lib/db";
import { deliverOutboxMail, MAIL_RETRY, queueMails, type TMail } from "@/lib/mail/outbox";

export const CM_MAIL_QUEUE = "cm-mail";
const ZMailJob = z.object({ outboxId: z.string().uuid() });

/** Sends Carbonmark's recorded mails; a throw (SMTP refused or down) is retried by pg-boss. */
export const cmMailQueue: TQueue = {
  name: CM_MAIL_QUEUE,
  options: MAIL_RETRY,
  workOptions: { batchSize: 1, pollingIntervalSeconds: 0.5 },
  handler: async (jobs) => {
    for (const job of jobs) {
      await deliverOutboxMail({
        table: "cm_mail_outbox",
        outboxId: ZMailJob.parse(job.data).outboxId,
        from: config().MAIL_FROM,
        siteUrl: config().APP_URL,
      });
    }
  },
};

/** Records one Carbonmark mail in the caller's transaction and queues its job (the outbox: lib/mail/outbox.ts). */
export function queueCmMail(db: TTx, mail: TMail): Promise<string[]> {
  return queueMails(db, { table: "cm_mail_outbox", queue: CM_MAIL_QUEUE, mails: [mail] });
}
