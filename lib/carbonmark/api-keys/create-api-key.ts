import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sha256Hex } from "@/lib/crypto/sha256";
import { prisma } from "@/lib/db";
import { FROZEN_MESSAGE } from "@/lib/carbonmark/account/account-standing";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { CmUserError } from "@/lib/carbonmark/errors";
import { refineSingleLine } from "@/lib/single-line-text";

export const API_KEY_SCOPES = {
  read: { label: "Read only", help: "Portfolio, activity, retirements and their proofs." },
  read_write: { label: "Read and write", help: "Also requests imports from your ICR organization." },
} as const;
export type TApiKeyScope = keyof typeof API_KEY_SCOPES;

/** Active keys a user may hold at once. */
export const MAX_ACTIVE_API_KEYS = 10;

export const ZCreateApiKey = z.object({
  name: z
    .string({ error: "Name the key" })
    .trim()
    .min(1, "Name the key (e.g. the system that uses it)")
    .max(60, "Keep the name under 60 characters")
    .superRefine(refineSingleLine("The name")),
  scope: z.enum(["read", "read_write"], { error: "Choose what the key may do" }),
});
export type TCreateApiKey = z.input<typeof ZCreateApiKey>;

/** `cmk_<12 hex>`: the key's public part (shown in settings, used to find it). */
const PREFIX_RE = /^cmk_[0-9a-f]{12}$/;

/** Splits a presented key `cmk_<12 hex>_<secret>` into its prefix, or undefined when it has not that form. */
export function apiKeyPrefix(key: string): string | undefined {
  const prefix = key.slice(0, 16);
  return PREFIX_RE.test(prefix) && key[16] === "_" && key.length > 40 && key.length < 100 ? prefix : undefined;
}

/**
 * Creates an API key and returns it once: only its SHA-256 is stored. A frozen or unverified account
 * gets none. The owner's security notice is queued in the same transaction (it exists iff the key does).
 */
export async function createApiKey(opts: { userId: string } & TCreateApiKey) {
  const input = ZCreateApiKey.safeParse(opts);
  if (!input.success) throw new CmUserError(input.error.issues[0]?.message ?? "Check the key's name.", "invalid_input");
  const user = await prisma.cmUser.findUnique({
    where: { id: opts.userId },
    select: { frozenAt: true, emailVerifiedAt: true },
  });
  if (!user) throw new CmUserError("Your session has expired. Sign in again; nothing was changed.", "unauthenticated");
  if (user.frozenAt) throw new CmUserError(FROZEN_MESSAGE, "locked");
  if (!user.emailVerifiedAt)
    throw new CmUserError(
      "Confirm your e-mail address before you create an API key. Nothing was changed.",
      "forbidden",
    );

  const prefix = `cmk_${randomBytes(6).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return prisma.$transaction(async (db) => {
    // One creation at a time per user, so the limit holds under parallel requests.
    await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`api-keys:${opts.userId}`}))`;
    const active = await db.cmApiKey.count({ where: { userId: opts.userId, revokedAt: null } });
    if (active >= MAX_ACTIVE_API_KEYS)
      throw new CmUserError(
        `You have ${MAX_ACTIVE_API_KEYS} API keys already. Revoke one you no longer use first.`,
        "conflict",
      );
    const row = await db.cmApiKey.create({
      data: {
        userId: opts.userId,
        name: input.data.name,
        scope: input.data.scope,
        prefix,
        secretHash: sha256Hex(key),
      },
    });
    await queueSecurityNotice(db, {
      userId: opts.userId,
      event: "api_key_created",
      eventKey: `api-key-created:${row.id}`,
      details: [
        ["Key", `${row.name} (${prefix}…)`],
        ["Access", API_KEY_SCOPES[input.data.scope].label],
      ],
    });
    return { id: row.id, prefix, key, name: row.name, scope: input.data.scope };
  });
}
