import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/config";

export type TOutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

export class MailNotConfiguredError extends Error {}

const globalForMail = globalThis as unknown as { mailTransport?: { url: string; transport: Transporter } };

/** The process's SMTP transport for `SMTP_URL` (pooled connections, bounded timeouts). */
function transport(): Transporter {
  const url = config().SMTP_URL;
  if (!url) throw new MailNotConfiguredError("SMTP_URL is not set: the mail stays queued, unsent.");
  if (globalForMail.mailTransport?.url !== url) {
    globalForMail.mailTransport?.transport.close();
    const transport = nodemailer.createTransport(url, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    globalForMail.mailTransport = { url, transport };
  }
  return globalForMail.mailTransport.transport;
}

/** Hands one mail to the SMTP server; resolves once the server accepted it, throws otherwise. */
export async function sendMail(mail: TOutgoingMail): Promise<void> {
  await transport().sendMail({ ...mail, messageId: mail.messageId });
}

/** A stable Message-ID per outbox row, so a resend after a crash is recognisably the same message. */
export function mailMessageId(outboxId: string, siteUrl: string): string {
  return `<${outboxId}@${new URL(siteUrl).hostname}>`;
}
