import { prisma } from "@/lib/db";
import { withInstallationToken, type TIcrSession } from "@/lib/icr/token-store";
import { CmUserError } from "@/lib/carbonmark/errors";

/**
 * The retirement endpoints accept any access token. The user's own connection is used when there
 * is one; otherwise (public pages, disconnected users) the most recently connected installation.
 */
export async function withAnyIcrToken<T>(
  opts: { userId?: string },
  fn: (session: TIcrSession) => Promise<T>,
): Promise<T> {
  const own = opts.userId
    ? await prisma.cmIcrConnection.findUnique({ where: { userId: opts.userId }, select: { userId: true } })
    : null;
  const connection =
    own ?? (await prisma.cmIcrConnection.findFirst({ orderBy: { updatedAt: "desc" }, select: { userId: true } }));
  if (!connection)
    throw new CmUserError(
      "Carbonmark is not connected to ICR yet, so retirements cannot be read from it.",
      "not_connected",
    );
  return withInstallationToken({ userId: connection.userId }, fn);
}
