import { z } from "zod";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { hashPassword, ZNewPassword } from "@/lib/crypto/password";
import { queueCmMail } from "@/lib/carbonmark/mail/mail-queue";
import { consumeAccountToken, hashAccountToken, issueAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { renderMail } from "@/lib/mail/render";

export const ZRequestPasswordReset = z.object({
  email: z.email("Enter a valid email address").trim().toLowerCase().max(320),
});
export const ZResetPassword = z.object({ token: z.string().min(1).max(100), newPassword: ZNewPassword });

const FOOTER = "The link works once, for 30 minutes. If you did not ask for it, ignore this mail: nothing changes.";

/**
 * Mails a single-use reset link to an account's address, or, for an address without an account, a
 * mail saying so: the same answer and the same path (a token made and its hash stored, one outbox
 * row and one job) either way, so neither the page nor its timing tells who has an account.
 */
export async function requestPasswordReset(opts: { email: string; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  await prisma.$transaction(async (db) => {
    const user = await db.cmUser.findUnique({ where: { email: opts.email }, select: { id: true } });
    const token = await issueAccountToken(db, { userId: user?.id ?? null, purpose: "reset_password", now });
    const eventKey = `password-reset:${hashAccountToken(token).slice(0, 32)}`;
    const body = user
      ? renderMail({
          heading: "Set a new password",
          intro: "Someone (we hope you) asked to reset the password of your Carbonmark account.",
          lines: [["Account", opts.email]],
          link: { label: "Set a new password", url: `${config().APP_URL}/reset-password?token=${token}` },
          footer: FOOTER,
        })
      : renderMail({
          heading: "No Carbonmark account uses this address",
          intro:
            "Someone asked to reset the Carbonmark password for this address, but no account uses it. If it was you, perhaps you signed up with another address.",
          lines: [["Address", opts.email]],
          footer: "If you did not ask, ignore this mail: nothing changes.",
        });
    await queueCmMail(db, {
      eventKey,
      kind: user ? "reset_password" : "reset_password_unknown",
      recipient: opts.email,
      subject: "Reset your Carbonmark password",
      ...body,
    });
  });
}

/**
 * Sets a new password with a mailed link: proves the mailbox, so the address counts as verified and
 * a freeze is lifted. Ends every session and mails a security notice. Null when the link is unknown,
 * used or expired (nothing changes).
 */
export async function resetPassword(opts: {
  token: string;
  newPassword: string;
  now?: Date;
}): Promise<{ email: string; wasFrozen: boolean } | null> {
  const now = opts.now ?? new Date();
  const passwordHash = await hashPassword(opts.newPassword);
  return prisma.$transaction(async (db) => {
    const used = await consumeAccountToken(db, { token: opts.token, purpose: "reset_password", now });
    if (!used) return null;
    const before = await db.cmUser.findUniqueOrThrow({
      where: { id: used.userId },
      select: { frozenAt: true, emailVerifiedAt: true },
    });
    const user = await db.cmUser.update({
      where: { id: used.userId },
      data: {
        passwordHash,
        sessionVersion: { increment: 1 },
        emailVerifiedAt: before.emailVerifiedAt ?? now,
        ...(before.frozenAt ? { frozenAt: null, freezeLiftedAt: now } : {}),
      },
      select: { email: true, sessionVersion: true },
    });
    await queueSecurityNotice(db, {
      userId: used.userId,
      event: "password_reset",
      eventKey: `password-reset-done:${used.id}`,
      details: before.frozenAt ? [["Freeze", "lifted"]] : [],
      now,
    });
    return { email: user.email, wasFrozen: !!before.frozenAt };
  });
}
