import { prisma } from "@/lib/db";

/** The user's ICR connection (no token), or null. */
export function getConnection(opts: { userId: string }) {
  return prisma.cmIcrConnection.findUnique({
    where: { userId: opts.userId },
    select: { installationId: true, organizationId: true, organizationName: true, connectedAt: true },
  });
}
