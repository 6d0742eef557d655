import { createHash, randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import type { TPermission } from "@/lib/registry/auth/permissions";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `crs_` + 40 random base62 characters. Only its sha256 is stored. */
export function generateAccessToken(): string {
  let s = "crs_";
  for (let i = 0; i < 40; i++) s += BASE62[randomInt(62)];
  return s;
}

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type TTokenAuth = {
  tokenId: string;
  organizationId: string;
  installationId: string | null;
  appId: string | null;
  permissions: string[];
};

/** Creates an organization or installation access token; the plain token is returned once. */
export async function createAccessToken(input: { organizationId: string; permissions: TPermission[]; expiresAt: Date; installationId?: string; name?: string; createdById?: string }) {
  const token = generateAccessToken();
  const row = await prisma.icrAccessToken.create({ data: { ...input, tokenHash: hashAccessToken(token) } });
  return { token, row };
}

/** The token's grants, or null when it is unknown, expired, revoked, or its installation is gone. */
export async function authenticateAccessToken(token: string): Promise<TTokenAuth | null> {
  if (!/^crs_[0-9A-Za-z]{40}$/.test(token)) return null;
  const row = await prisma.icrAccessToken.findUnique({ where: { tokenHash: hashAccessToken(token) }, include: { installation: { select: { isActive: true, appId: true } } } });
  if (!row || row.revokedAt || row.expiresAt <= new Date()) return null;
  if (row.installationId && !row.installation?.isActive) return null;
  return { tokenId: row.id, organizationId: row.organizationId, installationId: row.installationId, appId: row.installation?.appId ?? null, permissions: row.permissions };
}

export async function revokeAccessToken(tokenId: string): Promise<void> {
  await prisma.icrAccessToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
}
