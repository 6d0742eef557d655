import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { invalidateBalances } from "@/lib/registry/inventory/chain-balances";
import { requestForDecision, stateConflict } from "@/lib/registry/requests/accept-request";
import { notifyRequestChange } from "@/lib/registry/requests/notify-request-change";

/** An admin declines a pending request: `rejected`, its reservation released. */
export async function declineRequest(opts: { requestId: string; userId: string }): Promise<IcrCreditRequest> {
  const r = await requestForDecision(opts.requestId, opts.userId);
  const [updated] = await prisma.$transaction(async (db) => {
    const rows = await db.icrCreditRequest.updateManyAndReturn({
      where: { id: r.id, state: "pending_request" },
      data: { state: "rejected", decidedById: opts.userId, decidedAt: new Date() },
    });
    for (const row of rows) await notifyRequestChange(row, db);
    return rows;
  });
  if (!updated)
    throw stateConflict(await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } }), "declined");
  invalidateBalances(r.organizationId); // the reservation is released
  return updated;
}
