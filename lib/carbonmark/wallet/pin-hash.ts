import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { scryptAsync } from "@/lib/crypto/scrypt";

// The PIN is the user's consent, checked against a peppered, salted scrypt hash:
// scrypt(HMAC-SHA256(WALLET_PIN_PEPPER, "<userId>:<pin>"), salt). Without the pepper (a server
// secret, never in the database) a dumped hash cannot be tested offline, and binding the user id
// means a hash copied to another row does not match there. Format: p1$N$r$p$<salt>$<hash>.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEYLEN = 32;

function peppered(userId: string, pin: string): Buffer {
  return createHmac("sha256", Buffer.from(config().WALLET_PIN_PEPPER, "base64")).update(`${userId}:${pin}`).digest();
}

export async function hashPin(opts: { userId: string; pin: string }): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(peppered(opts.userId, opts.pin), salt, KEYLEN, PARAMS);
  return ["p1", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function isPinCorrect(opts: { userId: string; pin: string; pinHash: string }): Promise<boolean> {
  const [version, n, r, p, salt, hash] = opts.pinHash.split("$");
  if (version !== "p1" || !salt || !hash) throw new Error("unknown PIN hash format");
  const expected = Buffer.from(hash, "base64url");
  const actual = await scryptAsync(peppered(opts.userId, opts.pin), Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}
