import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";

export const CHALLENGE_TTL_MS = 5 * 60_000;
/** register: add a passkey · sign_in: the second step of signing in · confirm: in place of the PIN (and passkey settings) · pin_reset: with the password, to reset the PIN. */
export type TChallengePurpose = "register" | "sign_in" | "confirm" | "pin_reset";

export const CHALLENGE_GONE_MESSAGE =
  "This passkey request has expired or was already used. Try again; nothing was changed.";

/**
 * Stores a challenge we are about to send (5 minutes, single use) and returns its id. A sign-in
 * challenge belongs to no one (userId null: the options name no account); every other one is bound
 * to the signed-in user. Expired challenges are swept on the way (an indexed range delete).
 */
export async function issueChallenge(opts: {
  userId: string | null;
  purpose: TChallengePurpose;
  challenge: string;
  now?: Date;
}): Promise<string> {
  const now = opts.now ?? new Date();
  await prisma.cmWebauthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  const row = await prisma.cmWebauthnChallenge.create({
    data: {
      userId: opts.userId,
      purpose: opts.purpose,
      challenge: opts.challenge,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Uses up a challenge: one UPDATE that matches only a live (unused, unexpired) challenge of this
 * purpose and owner, so of two requests carrying the same answer exactly one gets it. Returns the
 * challenge the answer must have signed; throws CmUserError when it is gone.
 */
export async function claimChallenge(opts: {
  id: string;
  purpose: TChallengePurpose;
  userId: string | null;
  now?: Date;
}): Promise<string> {
  const now = opts.now ?? new Date();
  const claimed = await prisma.cmWebauthnChallenge.updateManyAndReturn({
    where: { id: opts.id, purpose: opts.purpose, userId: opts.userId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
    select: { challenge: true },
  });
  if (claimed.length !== 1) throw new CmUserError(CHALLENGE_GONE_MESSAGE, "conflict");
  return claimed[0]!.challenge;
}
