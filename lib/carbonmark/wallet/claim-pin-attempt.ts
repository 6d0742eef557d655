import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { CmUserError } from "@/lib/carbonmark/errors";
import { formatLockTime, MAX_PIN_FAILURES, PIN_LOCK_MS } from "@/lib/carbonmark/wallet/pin";

/**
 * Counts a PIN attempt BEFORE the PIN is checked, in one conditional UPDATE, so parallel guesses
 * cannot slip past the lock: the 5th attempt in a row sets the lock itself, and while it holds no
 * attempt is counted or checked. A correct PIN then resets the count (see unlockWallet).
 * Returns how many attempts in a row this one is.
 */
export async function claimPinAttempt(opts: {
  userId: string;
  now: Date;
}): Promise<{ attempt: number; lockedUntil: Date | null }> {
  const lockUntil = new Date(opts.now.getTime() + PIN_LOCK_MS);
  // Times go in as UTC ISO strings: the columns are UTC timestamps without a zone, as Prisma writes them.
  // A lock that has ended starts a new series (the count restarts at 1).
  // Every expression reads the row as locked by this UPDATE, so concurrent attempts queue up on it.
  const next = Prisma.sql`CASE WHEN "pinLockedUntil" IS NULL THEN "pinFailures" + 1 ELSE 1 END`;
  const rows = await prisma.$queryRaw<{ pinFailures: number; pinLockedUntil: Date | null }[]>`
    UPDATE "cm_wallet"
    SET "pinFailures" = ${next},
        "pinLockedUntil" = CASE WHEN ${next} >= ${MAX_PIN_FAILURES} THEN ${lockUntil.toISOString()}::timestamp(3) ELSE NULL END,
        "updatedAt" = CURRENT_TIMESTAMP
    WHERE "userId" = ${opts.userId}::uuid AND ("pinLockedUntil" IS NULL OR "pinLockedUntil" <= ${opts.now.toISOString()}::timestamp(3))
    RETURNING "pinFailures", "pinLockedUntil"`;
  if (rows[0]) return { attempt: rows[0].pinFailures, lockedUntil: rows[0].pinLockedUntil };

  const wallet = await prisma.cmWallet.findUnique({ where: { userId: opts.userId }, select: { pinLockedUntil: true } });
  if (!wallet) throw new CmUserError("Set up your PIN first.", "not_found");
  throw new CmUserError(
    `Too many wrong PINs. Transfers are locked until ${formatLockTime(wallet.pinLockedUntil ?? lockUntil)}.`,
    "locked",
  );
}
