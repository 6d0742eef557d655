import { randomBytes } from "node:crypto";
import { prisma, type TDb } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto/sha256";

/** What a mailed link is for; each has its own lifetime. */
export const ACCOUNT_TOKEN_TTL_MINUTES = {
  verify_email: 48 * 60,
  change_email: 60,
  reset_password: 30,
  freeze: 30 * 24 * 60,
} as const;
export type TAccountTokenPurpose = keyof typeof ACCOUNT_TOKEN_TTL_MINUTES;

export const hashAccountToken = (token: string) => sha256Hex(token);

/**
 * Makes a single-use link token for the user and stores only its SHA-256 (a database dump yields
 * no usable link). Returns the token for the mail. Only the newest mailed link of a purpose is live
 * (findLiveAccountToken; freeze links excepted: each notice keeps its own). Issuing writes one row
 * and changes no other, with or without a user, so a reset request for an address with an account
 * takes as long as one for an address without.
 */
export async function issueAccountToken(
  db: TDb,
  opts: { userId: string | null; purpose: TAccountTokenPurpose; newEmail?: string; now?: Date },
): Promise<string> {
  const now = opts.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await db.cmAccountToken.create({
    data: {
      userId: opts.userId,
      purpose: opts.purpose,
      tokenHash: hashAccountToken(token),
      newEmail: opts.newEmail ?? null,
      expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MINUTES[opts.purpose] * 60_000),
    },
  });
  return token;
}

export type TLiveToken = { id: string; userId: string; newEmail: string | null; expiresAt: Date; createdAt: Date };

/**
 * The live token of this purpose (unused, unexpired, and the user's newest of the purpose but for
 * freeze links), or null; changes nothing (for the page a link opens).
 */
export async function findLiveAccountToken(
  opts: { token: string; purpose: TAccountTokenPurpose; now?: Date },
  db: TDb = prisma,
): Promise<TLiveToken | null> {
  if (!opts.token || opts.token.length > 100) return null;
  const row = await db.cmAccountToken.findFirst({
    where: {
      tokenHash: hashAccountToken(opts.token),
      purpose: opts.purpose,
      usedAt: null,
      expiresAt: { gt: opts.now ?? new Date() },
    },
    select: { id: true, userId: true, newEmail: true, expiresAt: true, createdAt: true },
  });
  if (!row?.userId) return null;
  const replaced =
    opts.purpose !== "freeze" &&
    (await db.cmAccountToken.count({
      where: { userId: row.userId, purpose: opts.purpose, createdAt: { gt: row.createdAt } },
    })) > 0;
  return replaced ? null : { ...row, userId: row.userId };
}

/**
 * Uses the token up, atomically: of two concurrent uses exactly one gets the row, the other null.
 * Call it inside the transaction that does what the link is for, so a failure gives the link back.
 */
export async function consumeAccountToken(
  db: TDb,
  opts: { token: string; purpose: TAccountTokenPurpose; now?: Date },
): Promise<TLiveToken | null> {
  const now = opts.now ?? new Date();
  const live = await findLiveAccountToken({ ...opts, now }, db);
  if (!live) return null;
  const used = await db.cmAccountToken.updateMany({
    where: { id: live.id, usedAt: null },
    data: { usedAt: now },
  });
  return used.count === 1 ? live : null;
}
