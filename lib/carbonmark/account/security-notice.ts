import { config } from "@/lib/config";
import type { TTx } from "@/lib/db";
import { queueCmMail } from "@/lib/carbonmark/mail/mail-queue";
import { issueAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { formatDateTime } from "@/lib/format-date-time";
import { renderMail } from "@/lib/mail/render";

/** Everything that changes who can move the credits. Each one mails the owner; none can be turned off. */
export const SECURITY_EVENTS = {
  pin_reset: { subject: "Your wallet PIN was reset", what: "Your wallet PIN was reset with your account password." },
  pin_changed: { subject: "Your wallet PIN was changed", what: "Your wallet PIN was changed." },
  password_changed: { subject: "Your password was changed", what: "Your Carbonmark password was changed." },
  password_reset: {
    subject: "Your password was reset",
    what: "Your Carbonmark password was reset with a link mailed to this address.",
  },
  email_change_requested: {
    subject: "Someone asked to move your account to another address",
    what: "A change of your account's e-mail address was requested. It takes effect only when the link sent to the new address is opened.",
  },
  email_changed: {
    subject: "Your account's e-mail address was changed",
    what: "Your Carbonmark account now uses another e-mail address. Mail about it no longer comes here.",
  },
  passkey_added: { subject: "A passkey was added to your account", what: "A passkey was added to your account." },
  passkey_removed: {
    subject: "A passkey was removed from your account",
    what: "A passkey was removed from your account.",
  },
  recovery_code_used: {
    subject: "A recovery code was used",
    what: "One of your recovery codes was used in place of a passkey.",
  },
  notifications_changed: {
    subject: "Your notification settings changed",
    what: "Which e-mails Carbonmark sends you was changed.",
  },
  new_device_sign_in: {
    subject: "New sign-in to your account",
    what: "Your account was signed in to from a browser it has not been used on before.",
  },
  api_key_created: { subject: "An API key was created", what: "An API key was created for your account." },
} as const;
export type TSecurityEvent = keyof typeof SECURITY_EVENTS;

const FOOTER =
  "Carbonmark always sends security notices; they cannot be turned off. If this was you, there is nothing to do.";

/**
 * Mails the owner a security notice in the caller's transaction, whatever their notification
 * settings. Its "This wasn't me" link opens a page whose button freezes transfers and ends every
 * session without signing in (the link alone changes nothing: mail scanners open links).
 * Goes only to a verified address (an unverified one gets nothing but its confirmation link);
 * `to` sends it to another address the owner proved before (the old one, on an e-mail change).
 */
export async function queueSecurityNotice(
  db: TTx,
  opts: {
    userId: string;
    event: TSecurityEvent;
    /** Names the event, so the same event never mails twice. */
    eventKey: string;
    details?: [label: string, value: string][];
    to?: string;
    now?: Date;
  },
): Promise<void> {
  const now = opts.now ?? new Date();
  const user = await db.cmUser.findUnique({
    where: { id: opts.userId },
    select: { email: true, emailVerifiedAt: true },
  });
  if (!user || (!opts.to && !user.emailVerifiedAt)) return;
  const event = SECURITY_EVENTS[opts.event];
  // The notice of an e-mail change goes to the old address: its freeze link also moves the account back there.
  const restoreTo = opts.event === "email_changed" ? opts.to : undefined;
  const token = await issueAccountToken(db, { userId: opts.userId, purpose: "freeze", newEmail: restoreTo, now });
  const { text, html } = renderMail({
    heading: event.subject,
    intro: `${event.what} If this wasn't you, freeze your account now: transfers stop and every session ends at once.`,
    lines: [["When", formatDateTime(now)], ...(opts.details ?? [])],
    link: { label: "This wasn't me: freeze my account", url: `${config().APP_URL}/account/freeze?token=${token}` },
    footer: FOOTER,
  });
  await queueCmMail(db, {
    eventKey: opts.eventKey,
    kind: `security:${opts.event}`,
    recipient: opts.to ?? user.email,
    subject: `Security notice: ${event.subject}`,
    text,
    html,
  });
}
