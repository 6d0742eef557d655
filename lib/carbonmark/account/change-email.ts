import { z } from "zod";
import { config } from "@/lib/config";
import { isUniqueViolation, prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto/password";
import { CmUserError } from "@/lib/carbonmark/errors";
import { queueCmMail } from "@/lib/carbonmark/mail/mail-queue";
import { consumeAccountToken, hashAccountToken, issueAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { renderMail } from "@/lib/mail/render";

export const ZRequestEmailChange = z.object({
  newEmail: z.email("Enter a valid email address").trim().toLowerCase().max(320),
  password: z.string().min(1, "Enter your password").max(200),
});
export type TRequestEmailChange = z.infer<typeof ZRequestEmailChange>;

/**
 * Asks to move the account to another address: needs the password; a link goes to the new
 * address (the change happens only when it is opened) and the current address gets a security
 * notice. An address that already has an account gets a mail saying so instead of a link, and the
 * answer here is the same, so the form reveals nothing about other accounts.
 */
export async function requestEmailChange(opts: TRequestEmailChange & { userId: string; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  const user = await prisma.cmUser.findUniqueOrThrow({ where: { id: opts.userId }, omit: { passwordHash: false } });
  if (!(await verifyPassword(opts.password, user.passwordHash)))
    throw new CmUserError("That is not your password. Nothing was changed.", "invalid_input");
  if (opts.newEmail === user.email) throw new CmUserError("That is already your address.", "invalid_input");
  await prisma.$transaction(async (db) => {
    const taken = await db.cmUser.findUnique({ where: { email: opts.newEmail }, select: { id: true } });
    const token = await issueAccountToken(db, {
      userId: opts.userId,
      purpose: "change_email",
      newEmail: opts.newEmail,
      now,
    });
    const body = taken
      ? renderMail({
          heading: "This address already has a Carbonmark account",
          intro: `The Carbonmark account of ${user.name} asked to use this address, but another account already uses it, so nothing changes.`,
          lines: [["Address", opts.newEmail]],
          footer: "If you did not ask for this, ignore this mail.",
        })
      : renderMail({
          heading: "Confirm your new e-mail address",
          intro: `Open the link to make this the address of the Carbonmark account of ${user.name}.`,
          lines: [["New address", opts.newEmail]],
          link: { label: "Use this address", url: `${config().APP_URL}/change-email?token=${token}` },
          footer: "The link works once, for an hour. If you did not ask for this, ignore this mail: nothing changes.",
        });
    await queueCmMail(db, {
      eventKey: `change-email:${hashAccountToken(token).slice(0, 32)}`,
      kind: taken ? "change_email_taken" : "change_email",
      recipient: opts.newEmail,
      subject: "Confirm your new address for Carbonmark",
      ...body,
    });
    await queueSecurityNotice(db, {
      userId: opts.userId,
      event: "email_change_requested",
      eventKey: `change-email-requested:${hashAccountToken(token).slice(0, 32)}`,
      details: [["New address", opts.newEmail]],
      now,
    });
  });
}

/**
 * Moves the account to the address the link went to (which the link proves). The old address gets a
 * security notice. Null when the link is unknown, used or expired, or the address was taken meanwhile.
 */
export async function confirmEmailChange(opts: { token: string; now?: Date }): Promise<{ email: string } | null> {
  const now = opts.now ?? new Date();
  try {
    return await prisma.$transaction(async (db) => {
      const used = await consumeAccountToken(db, { token: opts.token, purpose: "change_email", now });
      if (!used?.newEmail) return null;
      const before = await db.cmUser.findUniqueOrThrow({ where: { id: used.userId }, select: { email: true } });
      const after = await db.cmUser.update({
        where: { id: used.userId },
        data: { email: used.newEmail, emailVerifiedAt: now },
        select: { email: true },
      });
      // Links mailed to the old address stop working.
      await db.cmAccountToken.updateMany({
        where: { userId: used.userId, purpose: { in: ["verify_email", "reset_password"] }, usedAt: null },
        data: { usedAt: now },
      });
      await queueSecurityNotice(db, {
        userId: used.userId,
        event: "email_changed",
        eventKey: `email-changed:${used.id}`,
        details: [
          ["Old address", before.email],
          ["New address", after.email],
        ],
        to: before.email,
        now,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}
