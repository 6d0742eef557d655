import { Wallet } from "ethers";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { claimPinAttempt } from "@/lib/carbonmark/wallet/claim-pin-attempt";
import { openLegacyKeystore } from "@/lib/carbonmark/wallet/legacy-keystore";
import { formatDateTime } from "@/lib/format-date-time";
import { formatLockTime, MAX_PIN_FAILURES, PIN_LOCK_MINUTES } from "@/lib/carbonmark/wallet/pin";
import { hashPin, isPinCorrect } from "@/lib/carbonmark/wallet/pin-hash";
import { isWrappedWithCurrentKek, openWalletKey, sealWalletKey } from "@/lib/carbonmark/wallet/wallet-key";

type TWalletRow = {
  userId: string;
  address: string;
  keystoreJson: string | null;
  keyWrapped: string | null;
  pinHash: string | null;
};

/**
 * Checks the PIN (the user's consent) and opens the wallet key with the server's KEK. Each attempt
 * is counted before the check (claimPinAttempt): 5 wrong in a row lock transfers for 15 minutes.
 * A wallet still in the old format (keystore under the PIN) is migrated by its first correct PIN;
 * a key wrapped with a previous KEK is re-wrapped with the current one. Key derivation runs on the
 * thread pool, never on the event loop. After a PIN reset, transfers are held (see resetPin);
 * `purpose: "change_pin"` checks the PIN without that hold.
 */
export async function unlockWallet(opts: {
  userId: string;
  pin: string;
  now?: Date;
  purpose?: "transfer" | "change_pin";
}): Promise<Wallet> {
  const now = opts.now ?? new Date();
  const { attempt, lockedUntil } = await claimPinAttempt({ userId: opts.userId, now });
  const row = await prisma.cmWallet.findUniqueOrThrow({
    where: { userId: opts.userId },
    omit: { keystoreJson: false, keyWrapped: false, pinHash: false },
  });

  const wallet = await walletIfPinCorrect(row, opts.pin);
  if (!wallet) {
    if (attempt >= MAX_PIN_FAILURES && lockedUntil) {
      throw new CmUserError(
        `Wrong PIN. Too many wrong PINs in a row: transfers are locked until ${formatLockTime(lockedUntil)}.`,
        "locked",
      );
    }
    const left = MAX_PIN_FAILURES - attempt;
    throw new CmUserError(
      `Wrong PIN. ${left} attempt${left === 1 ? "" : "s"} left before transfers are locked for ${PIN_LOCK_MINUTES} minutes.`,
      "invalid_input",
    );
  }

  const held = await prisma.cmWallet.update({
    where: { userId: opts.userId },
    data: { pinFailures: 0, pinLockedUntil: null, ...(await migration(row, wallet, opts.pin)) },
    select: { transfersHeldUntil: true },
  });
  if (opts.purpose !== "change_pin" && held.transfersHeldUntil && held.transfersHeldUntil > now) {
    throw new CmUserError(
      `Your PIN was reset recently. For your safety, exports and retirements are held until ${formatDateTime(held.transfersHeldUntil)}.`,
      "locked",
    );
  }
  return wallet;
}

async function walletIfPinCorrect(row: TWalletRow, pin: string): Promise<Wallet | null> {
  if (row.keyWrapped && row.pinHash) {
    if (!(await isPinCorrect({ userId: row.userId, pin, pinHash: row.pinHash }))) return null;
    return openWalletKey({ userId: row.userId, address: row.address, keyWrapped: row.keyWrapped });
  }
  if (!row.keystoreJson) throw new Error(`wallet of user ${row.userId} has neither a wrapped key nor a keystore`);
  const privateKey = await openLegacyKeystore(row.keystoreJson, pin);
  if (!privateKey) return null;
  const wallet = new Wallet(privateKey);
  if (wallet.address !== row.address)
    throw new Error(`the keystore of user ${row.userId} does not match the wallet's address`);
  return wallet;
}

/** Old format → wrapped key + peppered PIN hash (the keystore is dropped); previous KEK → current KEK. */
async function migration(row: TWalletRow, wallet: Wallet, pin: string) {
  if (!row.keyWrapped || !row.pinHash) {
    return {
      keyWrapped: sealWalletKey({ userId: row.userId, wallet }),
      pinHash: await hashPin({ userId: row.userId, pin }),
      keystoreJson: null,
    };
  }
  return isWrappedWithCurrentKek(row.keyWrapped) ? {} : { keyWrapped: sealWalletKey({ userId: row.userId, wallet }) };
}
