import { randomInt } from "node:crypto";
import { createReadCache, type TReadCache } from "@/lib/cache/read-cache";
import { prisma } from "@/lib/db";
import type { TPermission } from "@/lib/registry/auth/permissions";
import { sha256Hex } from "@/lib/crypto/sha256";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `crs_` + 40 random base62 characters. Only its sha256 is stored. */
export function generateAccessToken(): string {
  let s = "crs_";
  for (let i = 0; i < 40; i++) s += BASE62[randomInt(62)];
  return s;
}

export function hashAccessToken(token: string): string {
  return sha256Hex(token);
}

export type TTokenAuth = {
  tokenId: string;
  organizationId: string;
  installationId: string | null;
  appId: string | null;
  permissions: string[];
};

/** Creates an organization or installation access token; the plain token is returned once. */
export async function createAccessToken(input: {
  organizationId: string;
  permissions: TPermission[];
  expiresAt: Date;
  installationId?: string;
  name?: string;
  createdById?: string;
}) {
  const token = generateAccessToken();
  const row = await prisma.icrAccessToken.create({ data: { ...input, tokenHash: hashAccessToken(token) } });
  return { token, row };
}

type TFound = { auth: TTokenAuth; expiresAt: Date };

/**
 * Valid tokens are remembered for a few seconds per process (concurrent requests share one
 * lookup), so a busy client costs no query per call. Revoking in this process forgets them at
 * once; another app instance honours a revoked token for at most AUTH_CACHE_MS. Unknown, revoked
 * or inactive tokens are never remembered; expiry is checked on every call.
 */
const AUTH_CACHE_MS = 3000;
const globalForTokens = globalThis as unknown as { tokenAuthCache?: TReadCache<TFound | null> };
const authCache = (globalForTokens.tokenAuthCache ??= createReadCache<TFound | null>({
  ttlMs: AUTH_CACHE_MS,
  keep: (found) => found !== null,
}));

async function lookUp(tokenHash: string): Promise<TFound | null> {
  const row = await prisma.icrAccessToken.findUnique({
    where: { tokenHash },
    include: { installation: { select: { isActive: true, appId: true } } },
  });
  if (!row || row.revokedAt) return null;
  if (row.installationId && !row.installation?.isActive) return null;
  const auth = {
    tokenId: row.id,
    organizationId: row.organizationId,
    installationId: row.installationId,
    appId: row.installation?.appId ?? null,
    permissions: row.permissions,
  };
  return { auth, expiresAt: row.expiresAt };
}

/** The token's grants, or null when it is unknown, expired, revoked, or its installation is gone. */
export async function authenticateAccessToken(token: string): Promise<TTokenAuth | null> {
  if (!/^crs_[0-9A-Za-z]{40}$/.test(token)) return null;
  const tokenHash = hashAccessToken(token);
  const found = await authCache.read(tokenHash, () => lookUp(tokenHash));
  return found && found.expiresAt > new Date() ? found.auth : null;
}

/** Forgets remembered tokens: call after revoking tokens or deactivating an installation. */
export function forgetAccessTokens(): void {
  authCache.forget();
}

export async function revokeAccessToken(tokenId: string): Promise<void> {
  await prisma.icrAccessToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  forgetAccessTokens();
}
