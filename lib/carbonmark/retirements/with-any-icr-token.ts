import { prisma } from "@/lib/db";
import { withInstallationToken, type TIcrSession } from "@/lib/icr/token-store";
import { CmUserError } from "@/lib/carbonmark/errors";

/**
 * For finalizing a signed-in user's own retirement only (POST /retirements/finalize accepts any
 * access token; the wallet's signature is the proof): the user's own connection when there is one,
 * otherwise the most recently connected installation. Never for anything a visitor can trigger.
 */
export async function withAnyIcrToken<T>(
  opts: { userId: string },
  fn: (session: TIcrSession) => Promise<T>,
): Promise<T> {
  const own = await prisma.cmIcrConnection.findUnique({ where: { userId: opts.userId }, select: { userId: true } });
  const connection =
    own ?? (await prisma.cmIcrConnection.findFirst({ orderBy: { updatedAt: "desc" }, select: { userId: true } }));
  if (!connection)
    throw new CmUserError(
      "Carbonmark is not connected to ICR yet, so the certificate cannot be finalized.",
      "not_connected",
    );
  return withInstallationToken({ userId: connection.userId }, fn);
}
