import { createHash, randomInt } from "node:crypto";
import { prisma, type TDb, type TTx } from "@/lib/db";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 (no i, l, o, u): 16 characters are 80 random bits, so the stored SHA-256 cannot
// be searched offline; shown as four groups of four.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function newRecoveryCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** What a person may type for a code: any case, spaces or dashes, o for 0 and i / l for 1. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
}

const hashRecoveryCode = (userId: string, code: string) =>
  createHash("sha256")
    .update(`cm-recovery:${userId}:${normalizeRecoveryCode(code)}`, "utf8")
    .digest("hex");

/** Replaces the user's recovery codes with 10 new ones (the old ones stop working) and returns them: the only time they are shown. */
export async function replaceRecoveryCodes(db: TDb, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.cmRecoveryCode.deleteMany({ where: { userId } });
  await db.cmRecoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, c) })) });
  return codes;
}

/**
 * Uses up one of the user's recovery codes and mails the owner a notice, in the caller's
 * transaction. One UPDATE claims it, so a code works once however many requests carry it.
 * Returns false for a wrong or used code (nothing changes).
 */
export async function spendRecoveryCode(tx: TTx, opts: { userId: string; code: string; now?: Date }): Promise<boolean> {
  const now = opts.now ?? new Date();
  const normalized = normalizeRecoveryCode(opts.code);
  if (!/^[0-9a-z]{16}$/.test(normalized)) return false;
  const [used] = await tx.cmRecoveryCode.updateManyAndReturn({
    where: { userId: opts.userId, codeHash: hashRecoveryCode(opts.userId, normalized), usedAt: null },
    data: { usedAt: now },
    select: { id: true },
  });
  if (!used) return false;
  const left = await tx.cmRecoveryCode.count({ where: { userId: opts.userId, usedAt: null } });
  await queueSecurityNotice(tx, {
    userId: opts.userId,
    event: "recovery_code_used",
    eventKey: `recovery_code_used:${used.id}`,
    details: [["Recovery codes left", String(left)]],
    now,
  });
  return true;
}

/** How many of the user's recovery codes are still unused (for the security page). */
export function countUnusedRecoveryCodes(userId: string): Promise<number> {
  return prisma.cmRecoveryCode.count({ where: { userId, usedAt: null } });
}
