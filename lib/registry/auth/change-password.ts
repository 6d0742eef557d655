// Password change by a signed-in ICR user (docs/icr-contract.md, "ICR web accounts").
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { hashPassword, verifyPassword, ZNewPassword } from "@/lib/crypto/password";
import { prisma } from "@/lib/db";
import { limitFailures } from "@/lib/security/rate-limit";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { icrPasswordChangeChecks } from "@/lib/registry/auth/password-limits";
import { queuePasswordChangedMail } from "@/lib/registry/mail/security-mail";

export const ZChangePassword = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200),
    newPassword: ZNewPassword,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ",
  });

/**
 * Changes the password after checking the current one (wrong ones count against a per-account and
 * per-IP budget). Ends every other session of the user (`keepSessionId`, this browser's, stays),
 * spends any open reset link, and mails the owner a notice, all in one transaction that applies
 * only if the password was not changed meanwhile. Throws IcrHttpError / RateLimitedError, changing nothing.
 */
export async function changeIcrPassword(input: {
  userId: string;
  keepSessionId: string;
  currentPassword: string;
  newPassword: string;
  ip: string;
  now?: Date;
}): Promise<{ endedSessions: number }> {
  const now = input.now ?? new Date();
  const user = await prisma.icrUser.findUnique({ where: { id: input.userId }, omit: { passwordHash: false } });
  if (!user) throw new IcrHttpError(401, "Your ICR session has ended. Sign in again.");
  const isCurrent = await limitFailures(
    icrPasswordChangeChecks({ userId: user.id, ip: input.ip }),
    () => verifyPassword(input.currentPassword, user.passwordHash),
    (ok) => ok,
  );
  if (!isCurrent) throw new IcrHttpError(400, "That is not your current password. Nothing was changed.");
  if (input.newPassword === input.currentPassword)
    throw new IcrHttpError(400, "The new password is the same as the current one. Nothing was changed.");
  const passwordHash = await hashPassword(input.newPassword);
  return prisma.$transaction(async (db) => {
    const { count: changed } = await db.icrUser.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash },
    });
    if (!changed)
      throw new IcrHttpError(
        409,
        "Your password was just changed elsewhere, so nothing was changed here. Try again with the password now in use.",
      );
    const { count } = await db.icrSession.deleteMany({ where: { userId: user.id, id: { not: input.keepSessionId } } });
    await db.icrPasswordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await queuePasswordChangedMail(db, {
      eventKey: `password-changed:${randomUUID()}`,
      email: user.email,
      how: "changed",
      at: now,
    });
    return { endedSessions: count };
  });
}
