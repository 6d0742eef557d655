import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";

/** Re-encrypts the wallet key under a new PIN; needs the current one (wrong ones count toward the lock). */
export async function changePin(opts: { userId: string; currentPin: string; newPin: string }) {
  if (opts.currentPin === opts.newPin) throw new CmUserError("The new PIN must differ from the current one.");
  const wallet = await unlockWallet({ userId: opts.userId, pin: opts.currentPin });
  const keystoreJson = await wallet.encrypt(opts.newPin);
  await prisma.cmWallet.update({ where: { userId: opts.userId }, data: { keystoreJson } });
}
