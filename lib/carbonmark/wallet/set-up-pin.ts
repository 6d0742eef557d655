import { isUniqueViolation, prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { createWallet } from "@/lib/carbonmark/wallet/create-wallet";

/** First PIN: creates the custodial wallet, its key encrypted under the PIN. Only once per user. */
export async function setUpPin(opts: { userId: string; pin: string }) {
  const existing = await prisma.cmWallet.findUnique({ where: { userId: opts.userId }, select: { address: true } });
  if (existing) throw new CmUserError("Your wallet already has a PIN. Use Change PIN instead.", "conflict");
  try {
    const wallet = await createWallet(opts);
    return { address: wallet.address };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new CmUserError("Your wallet already has a PIN. Use Change PIN instead.", "conflict");
    throw err;
  }
}
