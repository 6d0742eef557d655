import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { z } from "zod";

const ROUNDS = 10;
/** bcrypt reads only the first 72 bytes of a password; longer ones are refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 12;

/** Rules for every new password (sign-up, password change) on both sides. Existing passwords keep working. */
export const ZNewPassword = z
  .string({ error: "Enter a password" })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .refine(
    (p) => Buffer.byteLength(p, "utf8") <= MAX_PASSWORD_BYTES,
    `Use at most ${MAX_PASSWORD_BYTES} bytes (about 72 letters; fewer with accents or emoji)`,
  );

export async function hashPassword(password: string): Promise<string> {
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES)
    throw new RangeError("password longer than bcrypt's 72 bytes");
  return bcrypt.hash(password, ROUNDS);
}

// A real hash (same cost) of a random secret, so checking an unknown account costs one full bcrypt.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= bcrypt.hash(randomBytes(32).toString("base64url"), ROUNDS);
  return dummyHash;
}

/**
 * Checks a password against the account's hash. With no account (`hash` null) it still runs one
 * bcrypt comparison, so the answer takes as long as for a wrong password and reveals nothing.
 */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? (await getDummyHash()));
  return ok && !!hash;
}
