import { prisma } from "@/lib/db";
import { toRequestRows } from "@/lib/registry/web/list-request-rows";

/** Enough to decide on at once; the total and reserved amount below always count every pending request. */
export const PINNED_LIMIT = 50;

/**
 * Every request awaiting an admin's decision, oldest first (the longest waiting on top), however
 * far back in history it lies: the count and the reserved amount are over all of them, not a page.
 */
export async function listPendingRequestRows(input: { organizationId: string; limit?: number }) {
  const where = { organizationId: input.organizationId, state: "pending_request" as const };
  const [items, totals] = await Promise.all([
    prisma.icrCreditRequest.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: input.limit ?? PINNED_LIMIT,
    }),
    prisma.icrCreditRequest.aggregate({ where, _count: true, _sum: { amount: true } }),
  ]);
  return {
    rows: await toRequestRows(items),
    total: totals._count,
    reservedAmount: totals._sum.amount?.toFixed() ?? "0",
  };
}
