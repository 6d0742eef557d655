import { prisma } from "@/lib/db";
import { config } from "@/lib/config";
import { verifyPassword } from "@/lib/crypto/password";
import { CmUserError } from "@/lib/carbonmark/errors";
import { hashPin } from "@/lib/carbonmark/wallet/pin-hash";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { formatDateTime } from "@/lib/format-date-time";
import type { TPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { requirePasskeyForPinReset } from "@/lib/carbonmark/passkeys/pin-reset-passkey";

/**
 * A forgotten PIN does not lose the credits: the account password sets a new PIN (the key is
 * wrapped with the server's KEK, not derived from the PIN). Because the password alone now
 * suffices, exports and retirements are then held for PIN_RESET_HOLD_HOURS (24 h by default), so
 * someone who learned the password cannot move credits at once. The reset also ends a PIN lock
 * and every session of the account (returns the new session version for the caller's fresh cookie),
 * and mails the owner a security notice whose link freezes the account. A reset made after the owner
 * lifted a freeze keeps the end of a hold still running: the owner is never held longer than the
 * intruder whose reset the freeze answered (docs/account-security.md).
 */
export async function resetPin(opts: {
  userId: string;
  password: string;
  newPin: string;
  /** Required when the account has a passkey (requirePasskeyForPinReset). */
  passkey?: TPasskeyAssertion;
  now?: Date;
}): Promise<{ heldUntil: Date; sessionVersion: number }> {
  const now = opts.now ?? new Date();
  const user = await prisma.cmUser.findUnique({
    where: { id: opts.userId },
    omit: { passwordHash: false },
    include: { wallet: { omit: { keyWrapped: false } } },
  });
  if (!user?.wallet) throw new CmUserError("Set up your PIN first.", "not_found");
  if (!(await verifyPassword(opts.password, user.passwordHash)))
    throw new CmUserError("That is not your account password. Nothing was changed.", "invalid_input");
  if (!user.wallet.keyWrapped) {
    // Made before the KEK: the key exists only under the old PIN, so no password can recover it.
    throw new CmUserError(
      "This wallet still uses the old PIN-only protection, so its PIN cannot be reset. Enter your PIN once (on any transfer or Change PIN) to upgrade it; nothing was changed.",
      "conflict",
    );
  }
  // Passkeys: the password alone never resets the PIN of an account that has one.
  await requirePasskeyForPinReset({ userId: opts.userId, passkey: opts.passkey, now });
  const heldUntil = holdEnd({ wallet: user.wallet, freezeLiftedAt: user.freezeLiftedAt, now });
  const pinHash = await hashPin({ userId: opts.userId, pin: opts.newPin });
  const sessionVersion = await prisma.$transaction(async (db) => {
    await db.cmWallet.update({
      where: { userId: opts.userId },
      data: { pinHash, pinFailures: 0, pinLockedUntil: null, pinResetAt: now, transfersHeldUntil: heldUntil },
    });
    const row = await db.cmUser.update({
      where: { id: opts.userId },
      data: { sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await queueSecurityNotice(db, {
      userId: opts.userId,
      event: "pin_reset",
      eventKey: `pin-reset:${opts.userId}:${row.sessionVersion}`,
      details: [["Exports and retirements held until", formatDateTime(heldUntil)]],
      now,
    });
    return row.sessionVersion;
  });
  return { heldUntil, sessionVersion };
}

/**
 * A new hold of PIN_RESET_HOLD_HOURS, unless the owner lifted a freeze since the last reset and that
 * reset's hold still runs: then the same end (the owner's reset never waits longer than the one the
 * freeze answered).
 */
function holdEnd(opts: {
  wallet: { pinResetAt: Date | null; transfersHeldUntil: Date | null };
  freezeLiftedAt: Date | null;
  now: Date;
}): Date {
  const fresh = new Date(opts.now.getTime() + config().PIN_RESET_HOLD_HOURS * 3_600_000);
  const { pinResetAt, transfersHeldUntil } = opts.wallet;
  const liftedSinceReset = opts.freezeLiftedAt && pinResetAt && opts.freezeLiftedAt > pinResetAt;
  if (liftedSinceReset && transfersHeldUntil && transfersHeldUntil > opts.now && transfersHeldUntil < fresh)
    return transfersHeldUntil;
  return fresh;
}
