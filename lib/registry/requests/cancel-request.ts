import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { conflict, forbidden, notFound } from "@/lib/registry/api/errors";
import { invalidateBalances } from "@/lib/registry/inventory/chain-balances";
import { notifyRequestChange } from "@/lib/registry/requests/notify-request-change";

/** Cancels a `pending_request` made by the same app (or, for an organization token, the same token); releases its reservation. */
export async function cancelRequest(opts: {
  organizationId: string;
  requestId: string;
  appId: string | null;
  tokenId: string;
}): Promise<IcrCreditRequest> {
  const r = await prisma.icrCreditRequest.findFirst({
    where: { id: opts.requestId, organizationId: opts.organizationId },
  });
  if (!r) throw notFound(`Transaction ${opts.requestId} not found in this organization`);
  const isMaker = opts.appId ? r.requestedByAppId === opts.appId : r.requestedByToken === opts.tokenId;
  if (!isMaker) throw forbidden("Only whoever made a request can cancel it");
  const [updated] = await prisma.$transaction(async (db) => {
    const rows = await db.icrCreditRequest.updateManyAndReturn({
      where: { id: r.id, state: "pending_request" },
      data: { state: "cancelled" },
    });
    for (const row of rows) await notifyRequestChange(row, db);
    return rows;
  });
  if (!updated)
    throw conflict(
      `This request can no longer be cancelled: it is ${r.state === "pending_request" ? "being decided" : r.state}`,
    );
  invalidateBalances(r.organizationId); // the reservation is released
  return updated;
}
