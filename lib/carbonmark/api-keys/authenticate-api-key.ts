import { timingSafeEqual } from "node:crypto";
import { sha256Hex } from "@/lib/crypto/sha256";
import { prisma } from "@/lib/db";
import { apiKeyPrefix, type TApiKeyScope } from "@/lib/carbonmark/api-keys/create-api-key";

export type TApiKeyAuth = { keyId: string; userId: string; scope: TApiKeyScope };
export type TApiKeyRefusal = "missing" | "unknown" | "revoked" | "frozen";

/** lastUsedAt is written at most this often per key (every request would be a write per read). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The key presented as `Authorization: Bearer cmk_…`, checked against the database on every request
 * (no cache: a revoked key, or a key of an account frozen since, is refused at once).
 */
export async function authenticateApiKey(
  authorization: string | null,
  now: Date = new Date(),
): Promise<{ ok: true; auth: TApiKeyAuth } | { ok: false; reason: TApiKeyRefusal }> {
  const m = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!m) return { ok: false, reason: "missing" };
  const key = m[1]!;
  const prefix = apiKeyPrefix(key);
  if (!prefix) return { ok: false, reason: "unknown" };
  const row = await prisma.cmApiKey.findUnique({
    where: { prefix },
    select: {
      id: true,
      userId: true,
      scope: true,
      secretHash: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { frozenAt: true } },
    },
  });
  const given = Buffer.from(sha256Hex(key));
  if (!row || !timingSafeEqual(given, Buffer.from(row.secretHash))) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.user.frozenAt) return { ok: false, reason: "frozen" };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
    await prisma.cmApiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { ok: true, auth: { keyId: row.id, userId: row.userId, scope: row.scope as TApiKeyScope } };
}
