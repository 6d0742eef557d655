// Password reset by a mailed single-use link (docs/icr-contract.md, "ICR web accounts").
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { hashPassword, ZNewPassword } from "@/lib/crypto/password";
import { prisma } from "@/lib/db";
import { consumeOrThrow } from "@/lib/security/rate-limit";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { icrResetRequestChecks } from "@/lib/registry/auth/password-limits";
import { queuePasswordChangedMail, queueResetRequestMail } from "@/lib/registry/mail/security-mail";
import { sha256Hex } from "@/lib/crypto/sha256";

export const RESET_TTL_MS = 30 * 60 * 1000;
/** 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const ZRequestPasswordReset = z.object({
  email: z.string().trim().toLowerCase().max(254).email("Enter the email address of your ICR account"),
});

export const ZResetPassword = z
  .object({
    token: z.string().max(200),
    newPassword: ZNewPassword,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ",
  });

/** What is stored: the SHA-256 of the token (hex). The token itself exists only in the mail. */
export const hashResetToken = (token: string) => sha256Hex(token);

export type TResetLinkState = "valid" | "used" | "expired" | "invalid";

const LINK_MESSAGES: Record<Exclude<TResetLinkState, "valid">, string> = {
  used: "This reset link was already used. Each link works once; ask for a new one if you still need it. Nothing was changed.",
  expired: "This reset link has expired (links work for 30 minutes). Ask for a new one. Nothing was changed.",
  invalid:
    "This reset link is not valid. Check that you opened the whole link from the e-mail, or ask for a new one. Nothing was changed.",
};

/** A reset link that cannot be used; `state` says why, the message is for people. */
export class ResetLinkError extends IcrHttpError {
  constructor(readonly state: Exclude<TResetLinkState, "valid">) {
    super(400, LINK_MESSAGES[state]);
  }
}

/**
 * Asks for a reset of the account with this address. Known and unknown addresses take one path:
 * counted against the limits, a token made and its hash stored, one mail recorded (with the link,
 * or saying there is no account); only the mail's words differ, so the answer and its timing say
 * nothing about which addresses have accounts. Throws RateLimitedError over a limit.
 */
export async function requestPasswordReset(input: { email: string; ip: string; now?: Date }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await consumeOrThrow(icrResetRequestChecks({ email, ip: input.ip }));
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await prisma.$transaction(async (db) => {
    const user = await db.icrUser.findUnique({ where: { email }, select: { id: true } });
    const reset = await db.icrPasswordReset.create({
      data: { userId: user?.id ?? null, tokenHash: hashResetToken(token), expiresAt, createdAt: now },
      select: { id: true },
    });
    await queueResetRequestMail(db, {
      resetId: reset.id,
      email,
      token: user ? token : null,
      requestedAt: now,
      expiresAt,
    });
  });
}

/** Whether a link's token can still be used (for the page the link opens; changes nothing). */
export async function checkResetToken(
  token: string,
  now = new Date(),
): Promise<{ state: "valid"; email: string } | { state: Exclude<TResetLinkState, "valid"> }> {
  if (!TOKEN_PATTERN.test(token)) return { state: "invalid" };
  const row = await prisma.icrPasswordReset.findUnique({
    where: { tokenHash: hashResetToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!row?.user) return { state: "invalid" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt <= now) return { state: "expired" };
  return { state: "valid", email: row.user.email };
}

/**
 * Sets a new password with a reset link's token. The token is used up by one conditional UPDATE
 * (unused, unexpired, of an account), so of two concurrent uses exactly one wins; in the same
 * transaction the password changes, every session of the account ends, every other open link of
 * the account is spent and the owner is mailed. Throws ResetLinkError (nothing changed) otherwise.
 */
export async function resetPasswordWithToken(input: {
  token: string;
  newPassword: string;
  now?: Date;
}): Promise<{ email: string; endedSessions: number }> {
  const now = input.now ?? new Date();
  const before = await checkResetToken(input.token, now);
  if (before.state !== "valid") throw new ResetLinkError(before.state);
  const passwordHash = await hashPassword(input.newPassword);
  const tokenHash = hashResetToken(input.token);
  return prisma.$transaction(async (db) => {
    const [claimed] = await db.$queryRaw<{ userId: string }[]>`
      UPDATE "icr_password_reset" SET "usedAt" = ${now}
      WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > ${now} AND "userId" IS NOT NULL
      RETURNING "userId"::text`;
    if (!claimed) {
      // Used meanwhile (a second tab, a double submit): say so, change nothing.
      const after = await db.icrPasswordReset.findUnique({ where: { tokenHash }, select: { usedAt: true } });
      throw new ResetLinkError(after?.usedAt ? "used" : "expired");
    }
    const user = await db.icrUser.update({
      where: { id: claimed.userId },
      data: { passwordHash },
      select: { id: true, email: true },
    });
    const { count } = await db.icrSession.deleteMany({ where: { userId: user.id } });
    await db.icrPasswordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await queuePasswordChangedMail(db, {
      eventKey: `password-reset-done:${randomUUID()}`,
      email: user.email,
      how: "reset",
      at: now,
    });
    return { email: user.email, endedSessions: count };
  });
}
