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

const NO_USER = "00000000-0000-0000-0000-000000000000";

export const hashAccountToken = (token: string) => sha256Hex(token);

/**
 * Makes a single-use link token for the user and stores only its SHA-256 (a database dump yields
 * no usable link). Returns the token for the mail. Earlier unused tokens of the same purpose stop
 * working, so only the newest mailed link is live (freeze links excepted: each notice keeps its own).
 */
export async function issueAccountToken(
  db: TDb,
  opts: { userId: string | null; purpose: TAccountTokenPurpose; newEmail?: string; now?: Date },
): Promise<string> {
  const now = opts.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  // Without a user (a reset for an unknown address) the same statements run and match nothing.
  if (opts.purpose !== "freeze")
    await db.cmAccountToken.updateMany({
      where: { userId: opts.userId ?? NO_USER, purpose: opts.purpose, usedAt: null },
      data: { usedAt: now },
    });
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

/** The live (unused, unexpired) token of this purpose, or null; changes nothing (for the page a link opens). */
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
  return row?.userId ? { ...row, userId: row.userId } : null;
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
