import { prisma } from "@/lib/db";
import { applyIcrTransaction } from "@/lib/carbonmark/imports/apply-icr-transaction";
import { IN_FLIGHT_STATES } from "@/lib/carbonmark/imports/import-state";
import { IcrApiError } from "@/lib/icr/errors";
import { getTransaction } from "@/lib/icr/transactions";
import { IcrNotConnectedError, withInstallationToken } from "@/lib/icr/token-store";
import { logger } from "@/lib/log/logger";

/** Polling fallback for webhooks: asks ICR for the state of each in-flight import. Never throws for ICR trouble. */
export async function refreshImports(opts: {
  userId: string;
  /** Only imports unchanged for this long (a webhook may have been lost); the others' webhooks keep them current. */
  quietForMs?: number;
}): Promise<{ icrReachable: boolean }> {
  const inFlight = await prisma.cmImport.findMany({
    where: {
      userId: opts.userId,
      state: { in: IN_FLIGHT_STATES },
      icrTransactionId: { not: null },
      ...(opts.quietForMs ? { updatedAt: { lt: new Date(Date.now() - opts.quietForMs) } } : {}),
    },
    select: { icrTransactionId: true, organizationId: true },
  });
  if (!inFlight.length) return { icrReachable: true };
  try {
    await withInstallationToken({ userId: opts.userId }, async (s) => {
      for (const imp of inFlight) {
        const tx = await getTransaction({
          token: s.token,
          organizationId: imp.organizationId,
          transactionId: imp.icrTransactionId!,
        });
        await applyIcrTransaction(tx);
      }
    });
    return { icrReachable: true };
  } catch (err) {
    if (err instanceof IcrNotConnectedError) return { icrReachable: true };
    if (err instanceof IcrApiError) {
      logger.warn({ err: { message: err.message, status: err.status } }, "refreshing import states from ICR failed");
      return { icrReachable: !err.isUnavailable };
    }
    throw err;
  }
}
