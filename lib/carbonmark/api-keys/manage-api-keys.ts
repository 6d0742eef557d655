import { z } from "zod";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { API_KEY_SCOPES, type TApiKeyScope } from "@/lib/carbonmark/api-keys/create-api-key";

export const ZRevokeApiKey = z.object({ keyId: z.uuid() });

export type TApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  scope: TApiKeyScope;
  scopeLabel: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The user's keys for settings (never the secret, which is not stored), active first, newest first. */
export async function listApiKeys(opts: { userId: string }): Promise<TApiKeyView[]> {
  const rows = await prisma.cmApiKey.findMany({
    where: { userId: opts.userId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 50,
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scope: r.scope as TApiKeyScope,
    scopeLabel: API_KEY_SCOPES[r.scope as TApiKeyScope]?.label ?? r.scope,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** Revokes a key of the user: the next request with it is refused (keys are checked on every request, never cached). */
export async function revokeApiKey(opts: { userId: string; keyId: string }): Promise<void> {
  const { count } = await prisma.cmApiKey.updateMany({
    where: { id: opts.keyId, userId: opts.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    const exists = await prisma.cmApiKey.count({ where: { id: opts.keyId, userId: opts.userId } });
    if (!exists) throw new CmUserError("This API key was not found.", "not_found");
  }
}
