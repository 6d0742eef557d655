import { prisma } from "@/lib/db";

/** Every open request of each organization (not one page of them): how many, and the amount they reserve. */
export async function pendingByOrganization(
  organizationIds: string[],
): Promise<Map<string, { count: number; reserved: string }>> {
  const pending = await prisma.icrCreditRequest.groupBy({
    by: ["organizationId"],
    where: { organizationId: { in: organizationIds }, state: "pending_request" },
    _count: true,
    _sum: { amount: true },
  });
  return new Map(
    pending.map((p) => [p.organizationId, { count: p._count, reserved: p._sum.amount?.toFixed() ?? "0" }]),
  );
}
