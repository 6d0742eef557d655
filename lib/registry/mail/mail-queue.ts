import { z } from "zod";
import { config } from "@/lib/config";
import type { TQueue } from "@/lib/jobs/queue";
import { deliverOutboxMail, MAIL_RETRY } from "@/lib/mail/outbox";

export const ICR_MAIL_QUEUE = "icr-mail";
const ZMailJob = z.object({ outboxId: z.string().uuid() });

/** Sends the registry's recorded mails; a throw (SMTP refused or down) is retried by pg-boss. */
export const icrMailQueue: TQueue = {
  name: ICR_MAIL_QUEUE,
  options: MAIL_RETRY,
  workOptions: { batchSize: 1, pollingIntervalSeconds: 0.5 },
  handler: async (jobs) => {
    for (const job of jobs) {
      await deliverOutboxMail({
        table: "icr_mail_outbox",
        outboxId: ZMailJob.parse(job.data).outboxId,
        from: config().ICR_MAIL_FROM,
        siteUrl: config().ICR_WEB_URL,
      });
    }
  },
};
