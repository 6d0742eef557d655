import { config } from "@/lib/config";
import { prisma, type TTx } from "@/lib/db";
import { queueCmMail } from "@/lib/carbonmark/mail/mail-queue";
import { consumeAccountToken, hashAccountToken, issueAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { renderMail } from "@/lib/mail/render";

/** Mails the link that proves the account's address (the only mail an unverified address ever gets). */
export async function queueVerificationMail(db: TTx, opts: { userId: string; now?: Date }): Promise<void> {
  const user = await db.cmUser.findUniqueOrThrow({
    where: { id: opts.userId },
    select: { email: true, name: true, emailVerifiedAt: true },
  });
  if (user.emailVerifiedAt) return;
  const token = await issueAccountToken(db, { userId: opts.userId, purpose: "verify_email", now: opts.now });
  const { text, html } = renderMail({
    heading: "Confirm your e-mail address",
    intro: `Someone (we hope you) created a Carbonmark account with this address under the name "${user.name}". Until the address is confirmed the account cannot connect to ICR or move credits.`,
    lines: [["Account", user.email]],
    link: { label: "Confirm my address", url: `${config().APP_URL}/verify-email?token=${token}` },
    footer: "The link works once, for 48 hours. If you did not create this account, ignore this mail.",
  });
  await queueCmMail(db, {
    eventKey: `verify-email:${hashAccountToken(token).slice(0, 32)}`,
    kind: "verify_email",
    recipient: user.email,
    subject: "Confirm your e-mail address for Carbonmark",
    text,
    html,
  });
}

/** Sends the confirmation link again (a newer link replaces the older one). */
export async function resendVerificationMail(opts: { userId: string }): Promise<void> {
  await prisma.$transaction((db) => queueVerificationMail(db, opts));
}

/** Marks the address proved; null when the link is unknown, used or expired. */
export async function confirmEmail(opts: { token: string; now?: Date }): Promise<{ email: string } | null> {
  const now = opts.now ?? new Date();
  return prisma.$transaction(async (db) => {
    const used = await consumeAccountToken(db, { token: opts.token, purpose: "verify_email", now });
    if (!used) return null;
    const user = await db.cmUser.update({
      where: { id: used.userId },
      data: { emailVerifiedAt: now },
      select: { email: true },
    });
    return user;
  });
}

/**
 * At sign-in: an account whose address is not confirmed (made before addresses were verified, or
 * whose link expired) gets a link, unless one is still live.
 */
export async function remindToVerify(opts: { userId: string; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  await prisma.$transaction(async (db) => {
    const user = await db.cmUser.findUnique({ where: { id: opts.userId }, select: { emailVerifiedAt: true } });
    if (!user || user.emailVerifiedAt) return;
    const live = await db.cmAccountToken.count({
      where: { userId: opts.userId, purpose: "verify_email", usedAt: null, expiresAt: { gt: now } },
    });
    if (!live) await queueVerificationMail(db, { userId: opts.userId, now });
  });
}
