// Security e-mails of the ICR sandbox: reset links and notices that the password changed. They are
// always sent (not in ICR_MAIL_KINDS, so no preference can turn them off), and each is recorded in
// the transaction of the event that causes it (lib/mail/outbox.ts).
import { config } from "@/lib/config";
import type { TTx } from "@/lib/db";
import { queueMails } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/render";
import { ICR_MAIL_QUEUE } from "@/lib/registry/mail/mail-queue";
import { formatDateTime } from "@/lib/format-date-time";

const FOOTER =
  "ICR sandbox security e-mail. These are always sent, whatever your notification settings, because they concern your account.";

/** Where anyone starts a reset: the notices link here rather than carrying a live token. */
export const forgotPasswordUrl = () => `${config().ICR_WEB_URL}/forgot-password`;
export const resetPasswordUrl = (token: string) =>
  `${config().ICR_WEB_URL}/reset-password?token=${encodeURIComponent(token)}`;

async function queueOne(
  db: TTx,
  mail: { eventKey: string; kind: string; recipient: string; subject: string } & ReturnType<typeof renderMail>,
) {
  await queueMails(db, { table: "icr_mail_outbox", queue: ICR_MAIL_QUEUE, mails: [mail] });
}

/**
 * The answer to a reset request, one mail either way: with the link when the address has an
 * account (`token` set), otherwise a mail saying that this address has no ICR sandbox account.
 */
export async function queueResetRequestMail(
  db: TTx,
  opts: { resetId: string; email: string; token: string | null; requestedAt: Date; expiresAt: Date },
): Promise<void> {
  const requested = formatDateTime(opts.requestedAt);
  if (opts.token) {
    const subject = "Reset your ICR password";
    await queueOne(db, {
      eventKey: `password-reset:${opts.resetId}`,
      kind: "password_reset_link",
      recipient: opts.email,
      subject,
      ...renderMail({
        heading: subject,
        intro:
          "Someone, probably you, asked to reset the password of your ICR sandbox account. The link below works once, for 30 minutes; opening it changes nothing until you choose a new password there. If you did not ask, ignore this e-mail: your password stays as it is.",
        lines: [
          ["Account", opts.email],
          ["Asked", requested],
          ["Link valid until", formatDateTime(opts.expiresAt)],
        ],
        link: { label: "Choose a new password", url: resetPasswordUrl(opts.token) },
        footer: FOOTER,
      }),
    });
    return;
  }
  const subject = "ICR password reset: no account for this address";
  await queueOne(db, {
    eventKey: `password-reset:${opts.resetId}`,
    kind: "password_reset_no_account",
    recipient: opts.email,
    subject,
    ...renderMail({
      heading: subject,
      intro:
        "Someone asked to reset the ICR sandbox password for this e-mail address, but no ICR sandbox account uses it, so there is nothing to reset. If it was you, you may have signed up with another address; an admin of your organization can tell you which. If it was not you, ignore this e-mail: nothing was changed.",
      lines: [
        ["Address", opts.email],
        ["Asked", requested],
      ],
      footer: FOOTER,
    }),
  });
}

/** Tells the owner that their password was changed (signed in) or reset (by a mailed link), and what to do if it was not them. */
export async function queuePasswordChangedMail(
  db: TTx,
  opts: { eventKey: string; email: string; how: "changed" | "reset"; at: Date },
): Promise<void> {
  const subject = opts.how === "changed" ? "Your ICR password was changed" : "Your ICR password was reset";
  const intro =
    opts.how === "changed"
      ? "The password of your ICR sandbox account was changed by someone signed in to it, and every other session of the account was ended."
      : "The password of your ICR sandbox account was reset with a link mailed to this address, and every session of the account was ended.";
  await queueOne(db, {
    eventKey: opts.eventKey,
    kind: opts.how === "changed" ? "password_changed" : "password_reset_done",
    recipient: opts.email,
    subject,
    ...renderMail({
      heading: subject,
      intro: `${intro} If this was you, there is nothing more to do. If it was not you, someone else has your password${opts.how === "reset" ? " or can read your e-mail" : ""}: reset the password now with the link below (a reset ends every session, theirs included)${opts.how === "reset" ? ", secure your e-mail account" : ""}, and tell an admin of your organization.`,
      lines: [
        ["Account", opts.email],
        ["When", formatDateTime(opts.at)],
      ],
      link: { label: "Reset your password", url: forgotPasswordUrl() },
      footer: FOOTER,
    }),
  });
}
