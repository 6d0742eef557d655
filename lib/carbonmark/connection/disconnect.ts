import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto/token-cipher";
import { revokeInstallationAccessToken } from "@/lib/icr/installations";
import { logger } from "@/lib/log/logger";

/** Forgets the user's ICR connection; the stored token is revoked on ICR when ICR answers. */
export async function disconnectIcr(opts: { userId: string }) {
  const conn = await prisma.cmIcrConnection.findUnique({
    where: { userId: opts.userId },
    omit: { accessTokenEncrypted: false },
  });
  if (!conn) return { wasConnected: false };
  await prisma.cmIcrConnection.deleteMany({ where: { userId: opts.userId } });
  if (conn.accessTokenEncrypted && conn.accessTokenExpiresAt && conn.accessTokenExpiresAt > new Date()) {
    try {
      await revokeInstallationAccessToken(decryptSecret(conn.accessTokenEncrypted, config().TOKEN_ENCRYPTION_KEY));
    } catch (err) {
      logger.warn(
        { err: { message: (err as Error).message } },
        "revoking the ICR token on disconnect failed; it expires by itself",
      );
    }
  }
  return { wasConnected: true };
}
