import { prisma } from "@/lib/db";
import type { IcrRequestState } from "@/lib/generated/prisma/enums";

/** Requests in these states hold (reserve) their credits. */
export const RESERVING_STATES: IcrRequestState[] = [
  "pending_request",
  "pending_reserved",
  "pending_queue",
  "pending_onchain",
];

/** Reserved amount (decimal string) per creditId of an organization. */
export async function reservedByCredit(organizationId: string): Promise<Map<string, string>> {
  const rows = await prisma.icrCreditRequest.groupBy({
    by: ["creditId"],
    where: { organizationId, state: { in: RESERVING_STATES } },
    _sum: { amount: true },
  });
  return new Map(rows.map((r) => [r.creditId, r._sum.amount?.toFixed() ?? "0"]));
}
