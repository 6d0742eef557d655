import type { Wallet } from "ethers";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { formatDateTime } from "@/lib/format-date-time";
import { verifyPasskeyAssertion } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import { LEGACY_WALLET_PASSKEY_MESSAGE } from "@/lib/carbonmark/passkeys/passkey-copy";
import type { TPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { formatLockTime } from "@/lib/carbonmark/wallet/pin";
import { isWrappedWithCurrentKek, openWalletKey, sealWalletKey } from "@/lib/carbonmark/wallet/wallet-key";

/**
 * A passkey in place of the PIN: one of the user's passkeys answers a live `confirm` challenge
 * bound to them (used up here; user verification required), then the wallet key is opened with
 * the server's KEK. What the PIN path enforces applies here too: a PIN lock-out still stops
 * transfers, and so does the hold after a PIN reset. A wallet whose key exists only under the PIN
 * (legacy keystore) cannot be opened this way: the PIN must be used once.
 */
export async function unlockWalletWithPasskey(opts: {
  userId: string;
  assertion: TPasskeyAssertion;
  now?: Date;
}): Promise<Wallet> {
  const now = opts.now ?? new Date();
  const row = await prisma.cmWallet.findUniqueOrThrow({
    where: { userId: opts.userId },
    omit: { keyWrapped: false },
  });
  if (!row.keyWrapped) throw new CmUserError(LEGACY_WALLET_PASSKEY_MESSAGE, "conflict");
  if (row.pinLockedUntil && row.pinLockedUntil > now)
    throw new CmUserError(
      `Too many wrong PINs. Transfers are locked until ${formatLockTime(row.pinLockedUntil)}.`,
      "locked",
    );
  if (row.transfersHeldUntil && row.transfersHeldUntil > now)
    throw new CmUserError(
      `Your PIN was reset recently. For your safety, exports and retirements are held until ${formatDateTime(row.transfersHeldUntil)}.`,
      "locked",
    );
  await verifyPasskeyAssertion({ purpose: "confirm", userId: opts.userId, assertion: opts.assertion, now });
  const wallet = openWalletKey({ userId: row.userId, address: row.address, keyWrapped: row.keyWrapped });
  if (!isWrappedWithCurrentKek(row.keyWrapped))
    await prisma.cmWallet.update({
      where: { userId: opts.userId },
      data: { keyWrapped: sealWalletKey({ userId: row.userId, wallet }) },
    });
  return wallet;
}
