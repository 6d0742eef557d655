import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { decryptSecret, encryptSecret } from "@/lib/crypto/token-cipher";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import { icrClient } from "@/lib/icr/client";
import { IcrApiError } from "@/lib/icr/errors";
import { createInstallationAccessToken } from "@/lib/icr/installations";

// Installation access tokens live encrypted in CmIcrConnection, are refreshed when less than five
// minutes remain, and are dropped when ICR answers 401 or says the installation is gone.
const REFRESH_MARGIN_MS = 5 * 60_000;

/** The user has no (longer a) working connection to an ICR organization. */
export class IcrNotConnectedError extends Error {
  constructor(message = "Your Carbonmark account is not connected to an ICR organization. Connect to ICR first.") {
    super(message);
  }
}

/** The Carbonmark account a request is made for, sent to ICR as `onBehalfOf` (docs/icr-contract.md). */
/** `email` only once the owner has verified it: ICR admins read it as "who asked". */
export type TActingFor = { accountId: string; name: string; email?: string; icrUserId?: string };

export type TIcrSession = {
  token: string;
  installationId: string;
  organizationId: string;
  organizationName: string;
  actingFor: TActingFor;
};

/** A valid installation token for the user's connection, exchanged anew when missing or about to expire. */
export async function getInstallationToken(opts: {
  userId: string;
  now?: Date;
  client?: IcrHttpClient;
}): Promise<TIcrSession> {
  const now = opts.now ?? new Date();
  const key = config().TOKEN_ENCRYPTION_KEY;
  const conn = await prisma.cmIcrConnection.findUnique({
    where: { userId: opts.userId },
    omit: { accessTokenEncrypted: false },
    include: { user: { select: { id: true, name: true, email: true, emailVerifiedAt: true } } },
  });
  if (!conn) throw new IcrNotConnectedError();
  const actingFor: TActingFor = {
    accountId: conn.user.id,
    name: conn.user.name,
    ...(conn.user.emailVerifiedAt ? { email: conn.user.email } : {}),
    ...(conn.icrUserId && isUuid(conn.icrUserId) ? { icrUserId: conn.icrUserId } : {}),
  };
  const base = {
    installationId: conn.installationId,
    organizationId: conn.organizationId,
    organizationName: conn.organizationName,
    actingFor,
  };

  if (
    conn.accessTokenEncrypted &&
    conn.accessTokenExpiresAt &&
    conn.accessTokenExpiresAt.getTime() - now.getTime() > REFRESH_MARGIN_MS
  ) {
    try {
      return { ...base, token: decryptSecret(conn.accessTokenEncrypted, key) };
    } catch {
      // A key rotation or a damaged row: fall through and exchange a new token.
    }
  }

  let fresh;
  try {
    fresh = await createInstallationAccessToken(conn.installationId, opts.client ?? icrClient());
  } catch (err) {
    if (err instanceof IcrApiError && (err.isNotFound || err.status === 403)) {
      await prisma.cmIcrConnection.deleteMany({ where: { userId: opts.userId, installationId: conn.installationId } });
      throw new IcrNotConnectedError(
        "The Carbonmark app is no longer installed on your ICR organization. Connect to ICR again.",
      );
    }
    throw err;
  }
  await prisma.cmIcrConnection.updateMany({
    where: { userId: opts.userId, installationId: conn.installationId },
    data: { accessTokenEncrypted: encryptSecret(fresh.token, key), accessTokenExpiresAt: fresh.expiresAt },
  });
  return { ...base, token: fresh.token };
}

/** Forgets the stored token (after a 401) so the next call exchanges a new one. */
export async function dropInstallationToken(opts: { userId: string }) {
  await prisma.cmIcrConnection.updateMany({
    where: { userId: opts.userId },
    data: { accessTokenEncrypted: null, accessTokenExpiresAt: null },
  });
}

/**
 * Runs `fn` with the user's token. On a 401 the token is dropped and `fn` runs once more with a
 * fresh one (a request refused with 401 did nothing on ICR's side, so repeating it is safe).
 */
export async function withInstallationToken<T>(
  opts: { userId: string; client?: IcrHttpClient },
  fn: (session: TIcrSession) => Promise<T>,
): Promise<T> {
  const session = await getInstallationToken(opts);
  try {
    return await fn(session);
  } catch (err) {
    if (!(err instanceof IcrApiError && err.isUnauthorized)) throw err;
    await dropInstallationToken(opts);
    return fn(await getInstallationToken(opts));
  }
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
