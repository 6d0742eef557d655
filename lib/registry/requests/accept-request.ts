import { z } from "zod";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { conflict, forbidden, notFound } from "@/lib/registry/api/errors";
import { notifyRequestChange } from "@/lib/registry/requests/notify-request-change";
import { enqueueRequestProcessing, requestQueueReady } from "@/lib/registry/requests/request-queue";
import { inTransactionTurn } from "@/lib/registry/transaction-turns";

const STATE_WORDS: Record<string, string> = {
  pending_queue: "already accepted",
  pending_onchain: "already accepted and being sent on chain",
  processed: "already processed",
  rejected: "declined",
  cancelled: "cancelled by whoever made it",
  failed: "failed",
};

/** An admin's decision on one request (accept here, decline in decline-request.ts). */
export const ZRequestDecision = z.object({ requestId: z.string().uuid("Unknown request") });

/** Loads a request the user may decide on (an admin of its organization), or throws. */
export async function requestForDecision(requestId: string, userId: string): Promise<IcrCreditRequest> {
  const r = await prisma.icrCreditRequest.findUnique({ where: { id: requestId } });
  if (!r) throw notFound("This request does not exist");
  const m = await prisma.icrMembership.findUnique({
    where: { userId_organizationId: { userId, organizationId: r.organizationId } },
  });
  if (m?.role !== "admin") throw forbidden("Only an admin of the organization can accept or decline its requests");
  return r;
}

export function stateConflict(r: IcrCreditRequest, verb: string) {
  return conflict(`This request cannot be ${verb}: it was ${STATE_WORDS[r.state] ?? r.state}`);
}

/**
 * An admin accepts a pending request: it moves to `pending_queue` and is queued for the on-chain
 * transfer. Under a burst it waits its turn; throws 503 "busy, try again" (nothing changed) when it cannot.
 */
export async function acceptRequest(opts: { requestId: string; userId: string }): Promise<IcrCreditRequest> {
  // The usual case in one statement; when it changes nothing, say why (404, 403, then 409). The
  // change, its webhook and the processing job commit together. The job queue is ready before the
  // transaction opens (right after a restart it starts first), and a burst waits its turn or is
  // told busy (transaction-turns.ts).
  await requestQueueReady();
  const updated = await inTransactionTurn(async (db) => {
    const [row] = await db.icrCreditRequest.updateManyAndReturn({
      where: {
        id: opts.requestId,
        state: "pending_request",
        organization: { memberships: { some: { userId: opts.userId, role: "admin" } } },
      },
      data: { state: "pending_queue", decidedById: opts.userId, decidedAt: new Date() },
    });
    if (row) {
      await notifyRequestChange(row, db);
      await enqueueRequestProcessing(row.id, { db });
    }
    return row;
  });
  if (!updated) {
    throw stateConflict(await requestForDecision(opts.requestId, opts.userId), "accepted");
  }
  return updated;
}
