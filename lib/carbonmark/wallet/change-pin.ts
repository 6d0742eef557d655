import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { hashPin } from "@/lib/carbonmark/wallet/pin-hash";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";

/**
 * Replaces the PIN; needs the current one (wrong ones count toward the lock). The key stays wrapped
 * with the KEK. The owner gets a security notice.
 */
export async function changePin(opts: { userId: string; currentPin: string; newPin: string }) {
  if (opts.currentPin === opts.newPin) throw new CmUserError("The new PIN must differ from the current one.");
  await unlockWallet({ userId: opts.userId, pin: opts.currentPin, purpose: "change_pin" });
  const pinHash = await hashPin({ userId: opts.userId, pin: opts.newPin });
  await prisma.$transaction(async (db) => {
    const row = await db.cmWallet.update({
      where: { userId: opts.userId },
      data: { pinHash },
      select: { updatedAt: true },
    });
    await queueSecurityNotice(db, {
      userId: opts.userId,
      event: "pin_changed",
      eventKey: `pin-changed:${opts.userId}:${row.updatedAt.toISOString()}`,
    });
  });
}
