import { prisma } from "@/lib/db";
import { IN_FLIGHT_STATES } from "@/lib/carbonmark/imports/import-state";
import { refreshImports } from "@/lib/carbonmark/imports/refresh-imports";
import { logger } from "@/lib/log/logger";

export type TReconcileResult = { users: number; icrReachable: boolean };

/**
 * Re-reads every in-flight import from ICR, user by user (each with their own installation
 * token), so imports converge even when every webhook was missed and nobody opens the portfolio.
 */
export async function reconcileImports(): Promise<TReconcileResult> {
  const users = await prisma.cmImport.findMany({
    where: { state: { in: IN_FLIGHT_STATES }, icrTransactionId: { not: null } },
    distinct: ["userId"],
    select: { userId: true },
  });
  let icrReachable = true;
  for (const { userId } of users) {
    try {
      const r = await refreshImports({ userId });
      icrReachable &&= r.icrReachable;
    } catch (err) {
      logger.warn({ userId, err: String(err) }, "reconciling a user's imports failed; retried on the next run");
    }
    if (!icrReachable) break; // ICR is down: no point asking for the others now
  }
  return { users: users.length, icrReachable };
}
