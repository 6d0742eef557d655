import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Wraps secrets (wallet private keys) with a key-encryption key, AES-256-GCM. The wrapped form
// names the KEK it was made with, so a rotated KEK can still open it:
// w1.<kekId>.<iv>.<tag>.<ciphertext>, base64url. `aad` binds the wrapped secret to its owner.
const VERSION = "w1";

export type TKek = { id: string; key: Buffer };

/** A KEK from its base64 form; its id is a short hash of the key (no secret in it). */
export function kekFromBase64(base64: string): TKek {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("a key-encryption key must be 32 bytes");
  return { id: createHash("sha256").update("carbonmark-kek-id:").update(key).digest("hex").slice(0, 16), key };
}

export function wrapSecret(plain: Buffer, kek: TKek, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [
    VERSION,
    kek.id,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    data.toString("base64url"),
  ].join(".");
}

/** The id of the KEK a wrapped secret needs. */
export function wrappedKekId(wrapped: string): string | undefined {
  const [version, kekId] = wrapped.split(".");
  return version === VERSION ? kekId : undefined;
}

export class KeyUnwrapError extends Error {}

/** Opens a wrapped secret with whichever of `keks` made it; fails if none did or anything was altered. */
export function unwrapSecret(wrapped: string, keks: TKek[], aad: string): Buffer {
  const [version, kekId, iv, tag, data] = wrapped.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new KeyUnwrapError("not a wrapped key");
  const kek = keks.find((k) => k.id === kekId);
  if (!kek) throw new KeyUnwrapError(`the key-encryption key ${kekId} is not configured`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", kek.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]);
  } catch {
    throw new KeyUnwrapError("the wrapped key does not open with its key-encryption key");
  }
}
