import { prisma } from "@/lib/db";
import { config } from "@/lib/config";
import { verifyPassword } from "@/lib/crypto/password";
import { CmUserError } from "@/lib/carbonmark/errors";
import { hashPin } from "@/lib/carbonmark/wallet/pin-hash";
import { revokeSessions } from "@/lib/carbonmark/auth/revoke-sessions";
import type { TPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { requirePasskeyForPinReset } from "@/lib/carbonmark/passkeys/pin-reset-passkey";

/**
 * A forgotten PIN does not lose the credits: the account password sets a new PIN (the key is
 * wrapped with the server's KEK, not derived from the PIN). Because the password alone now
 * suffices, exports and retirements are then held for PIN_RESET_HOLD_HOURS (24 h by default), so
 * someone who learned the password cannot move credits at once. The reset also ends a PIN lock
 * and every session of the account (returns the new session version for the caller's fresh cookie).
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
  const heldUntil = new Date(now.getTime() + config().PIN_RESET_HOLD_HOURS * 3_600_000);
  await prisma.cmWallet.update({
    where: { userId: opts.userId },
    data: {
      pinHash: await hashPin({ userId: opts.userId, pin: opts.newPin }),
      pinFailures: 0,
      pinLockedUntil: null,
      pinResetAt: now,
      transfersHeldUntil: heldUntil,
    },
  });
  return { heldUntil, sessionVersion: await revokeSessions({ userId: opts.userId }) };
}
