import { Wallet } from "ethers";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { formatLockTime, MAX_PIN_FAILURES, PIN_LOCK_MS } from "@/lib/carbonmark/wallet/pin";

/**
 * Decrypts the user's wallet key with the PIN. Wrong PINs are counted; after 5 in a row the wallet
 * is locked for 15 minutes. The PIN is neither stored nor logged.
 */
export async function unlockWallet(opts: { userId: string; pin: string; now?: Date }): Promise<Wallet> {
  const now = opts.now ?? new Date();
  const row = await prisma.cmWallet.findUnique({ where: { userId: opts.userId }, omit: { keystoreJson: false } });
  if (!row) throw new CmUserError("Set up your PIN first.", "not_found");
  if (row.pinLockedUntil && row.pinLockedUntil > now) {
    throw new CmUserError(`Too many wrong PINs. Transfers are locked until ${formatLockTime(row.pinLockedUntil)}.`, "locked");
  }

  let wallet: Wallet;
  try {
    wallet = (await Wallet.fromEncryptedJson(row.keystoreJson, opts.pin)) as Wallet;
  } catch {
    const updated = await prisma.cmWallet.update({ where: { userId: opts.userId }, data: { pinFailures: { increment: 1 } }, select: { pinFailures: true } });
    if (updated.pinFailures >= MAX_PIN_FAILURES) {
      const until = new Date(now.getTime() + PIN_LOCK_MS);
      await prisma.cmWallet.update({ where: { userId: opts.userId }, data: { pinFailures: 0, pinLockedUntil: until } });
      throw new CmUserError(`Wrong PIN. Too many wrong PINs in a row: transfers are locked until ${formatLockTime(until)}.`, "locked");
    }
    const left = MAX_PIN_FAILURES - updated.pinFailures;
    throw new CmUserError(`Wrong PIN. ${left} attempt${left === 1 ? "" : "s"} left before transfers are locked for 15 minutes.`, "invalid_input");
  }
  if (row.pinFailures !== 0 || row.pinLockedUntil) {
    await prisma.cmWallet.update({ where: { userId: opts.userId }, data: { pinFailures: 0, pinLockedUntil: null } });
  }
  return wallet;
}
