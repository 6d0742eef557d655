import { z } from "zod";
import { prisma } from "@/lib/db";
import { hashPassword, verifyPassword, ZNewPassword } from "@/lib/crypto/password";
import { CmUserError } from "@/lib/carbonmark/errors";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";

export const ZChangePassword = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200),
  newPassword: ZNewPassword,
});
export type TChangePassword = z.infer<typeof ZChangePassword>;

/**
 * Sets a new password after checking the current one, ends every session of the account (the
 * caller re-issues this browser's) and mails the owner a security notice. Returns the new session version.
 */
export async function changePassword(opts: TChangePassword & { userId: string; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const user = await prisma.cmUser.findUniqueOrThrow({ where: { id: opts.userId }, omit: { passwordHash: false } });
  if (!(await verifyPassword(opts.currentPassword, user.passwordHash)))
    throw new CmUserError("That is not your current password. Nothing was changed.", "invalid_input");
  const passwordHash = await hashPassword(opts.newPassword);
  return prisma.$transaction(async (db) => {
    const row = await db.cmUser.update({
      where: { id: opts.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await queueSecurityNotice(db, {
      userId: opts.userId,
      event: "password_changed",
      eventKey: `password-changed:${opts.userId}:${row.sessionVersion}`,
      now,
    });
    return row.sessionVersion;
  });
}
