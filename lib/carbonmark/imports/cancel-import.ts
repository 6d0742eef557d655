import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { applyIcrTransaction } from "@/lib/carbonmark/imports/apply-icr-transaction";
import { cancelRequest } from "@/lib/icr/cancel-request";
import { IcrApiError } from "@/lib/icr/errors";
import { getTransaction } from "@/lib/icr/transactions";
import { withInstallationToken } from "@/lib/icr/token-store";

/**
 * Cancels an import still waiting for approval (`pending_request`) through ICR's `cancel` action;
 * ICR releases the reservation. A repeat, or a request decided meanwhile, just shows ICR's state.
 */
export async function cancelImport(opts: { userId: string; importId: string }) {
  const imp = await prisma.cmImport.findFirst({ where: { id: opts.importId, userId: opts.userId } });
  if (!imp) throw new CmUserError("This import was not found.", "not_found");
  if (imp.state === "cancelled") return imp;
  if (imp.state !== "pending_request" || !imp.icrTransactionId)
    throw new CmUserError("Only an import that is still waiting for approval can be cancelled.", "conflict");
  const transactionId = imp.icrTransactionId;
  await withInstallationToken({ userId: opts.userId }, async (s) => {
    try {
      await applyIcrTransaction(
        await cancelRequest({ token: s.token, organizationId: imp.organizationId, transactionId }),
      );
    } catch (err) {
      if (!(err instanceof IcrApiError) || err.status !== 409) throw err;
      // Decided (or cancelled) meanwhile: show where it stands.
      await applyIcrTransaction(
        await getTransaction({ token: s.token, organizationId: imp.organizationId, transactionId }),
      );
      const now = await prisma.cmImport.findUniqueOrThrow({ where: { id: imp.id } });
      if (now.state !== "cancelled")
        throw new CmUserError(`This import can no longer be cancelled: ${err.message}`, "conflict");
    }
  });
  return prisma.cmImport.findUniqueOrThrow({ where: { id: imp.id } });
}
