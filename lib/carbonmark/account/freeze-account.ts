import { config } from "@/lib/config";
import { prisma, type TTx } from "@/lib/db";
import { queueCmMail } from "@/lib/carbonmark/mail/mail-queue";
import { consumeAccountToken, hashAccountToken, issueAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { formatDateTime } from "@/lib/format-date-time";
import { renderMail } from "@/lib/mail/render";

const PASSKEY_NOTICE_SLACK_MS = 5_000;

/**
 * "This wasn't me": with a notice's freeze link and no sign-in, stops exports and retirements at once
 * and ends every session (sign-in is refused while frozen). Only the owner lifts it, by proving the
 * mailbox and setting a new password: the reset link is mailed now. The link of an e-mail-change
 * notice (sent to the old address) also moves the account back to that address, so a thief who moved
 * it to their own mailbox cannot then reset the password. Null for an unknown, used or expired link;
 * freezing a frozen account changes nothing but mails a new link. Passkeys added since the notice
 * was sent are removed (they may be the intruder's).
 */
export async function freezeAccount(opts: { token: string; now?: Date }): Promise<{ email: string } | null> {
  const now = opts.now ?? new Date();
  return prisma.$transaction(async (db) => {
    const used = await consumeAccountToken(db, { token: opts.token, purpose: "freeze", now });
    if (!used) return null;
    const before = await db.cmUser.findUniqueOrThrow({
      where: { id: used.userId },
      select: { frozenAt: true, email: true },
    });
    const restore = await restorableAddress(db, { userId: used.userId, current: before.email, to: used.newEmail });
    const user = await db.cmUser.update({
      where: { id: used.userId },
      data: {
        frozenAt: before.frozenAt ?? now,
        sessionVersion: { increment: 1 },
        ...(restore ? { email: restore, emailVerifiedAt: now } : {}),
      },
      select: { email: true },
    });
    // A passkey added since this notice went out may be the intruder's: it goes (with the recovery
    // codes if none is left), so the owner can sign in with the new password alone.
    // (A passkey_added notice is made in the passkey's own transaction, moments after the row.)
    const since = new Date(used.createdAt.getTime() - PASSKEY_NOTICE_SLACK_MS);
    await db.cmPasskey.deleteMany({ where: { userId: used.userId, createdAt: { gte: since } } });
    if (!(await db.cmPasskey.count({ where: { userId: used.userId } })))
      await db.cmRecoveryCode.deleteMany({ where: { userId: used.userId } });
    const token = await issueAccountToken(db, { userId: used.userId, purpose: "reset_password", now });
    const { text, html } = renderMail({
      heading: "Your account is frozen",
      intro:
        "No one can sign in, send or retire credits, and every session has ended. To lift the freeze, set a new password with this link (and a new PIN if someone changed it). Credits on their way in still arrive.",
      lines: [["Frozen", formatDateTime(before.frozenAt ?? now)]],
      link: { label: "Set a new password", url: `${config().APP_URL}/reset-password?token=${token}` },
      footer: "The link works once, for 30 minutes; the sign-in page's “Forgot your password?” sends a new one.",
    });
    await queueCmMail(db, {
      eventKey: `account-frozen:${hashAccountToken(token).slice(0, 32)}`,
      kind: "account_frozen",
      recipient: user.email,
      subject: "Security notice: your account is frozen",
      text,
      html,
    });
    return user;
  });
}

/** The old address an e-mail-change notice's link restores, unless it is current or another account took it. */
async function restorableAddress(
  db: TTx,
  opts: { userId: string; current: string; to: string | null },
): Promise<string | null> {
  if (!opts.to || opts.to === opts.current) return null;
  const other = await db.cmUser.findUnique({ where: { email: opts.to }, select: { id: true } });
  return other ? null : opts.to;
}
