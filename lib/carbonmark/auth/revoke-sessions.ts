import { prisma } from "@/lib/db";

/**
 * Ends every Carbonmark session of the user (all devices): each session JWT carries the user's
 * session version from sign-in, and a token with an older version is refused (auth-options.ts).
 * Called on sign-out, password change and PIN change/reset. Returns the new version.
 */
export async function revokeSessions(opts: { userId: string }): Promise<number> {
  const row = await prisma.cmUser.update({
    where: { id: opts.userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return row.sessionVersion;
}

/** Is this session token still valid (the user exists and has not revoked sessions since)? */
export async function isCurrentSession(token: { sub?: string; sv?: unknown }): Promise<boolean> {
  if (!token.sub || typeof token.sv !== "number") return false;
  const user = await prisma.cmUser
    .findUnique({ where: { id: token.sub }, select: { sessionVersion: true } })
    .catch(() => null);
  return user?.sessionVersion === token.sv;
}
