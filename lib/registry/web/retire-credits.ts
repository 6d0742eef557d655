import { prisma } from "@/lib/db";
import { assertOrgAdmin } from "@/lib/registry/web/assert-org-admin";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";

/**
 * An admin retires credits from the inventory page: a `retire` request made and accepted by the
 * admin in one step (the worker then burns them on chain and the retirement gets its certificate).
 */
export async function retireCredits(input: {
  organizationId: string;
  userId: string;
  creditId: string;
  quantity: string;
  beneficiaryName: string;
  retirementReason?: string;
  retirementComment?: string;
}) {
  const memberships = await prisma.icrMembership.findMany({
    where: { userId: input.userId },
    select: { organizationId: true, role: true },
  });
  assertOrgAdmin({ memberships }, input.organizationId, "retire credits");
  const request = await createRequest({
    organizationId: input.organizationId,
    action: "retire",
    input: {
      creditId: input.creditId,
      amount: input.quantity,
      beneficiaryName: input.beneficiaryName,
      retirementReason: input.retirementReason || undefined,
      retirementComment: input.retirementComment || undefined,
    },
  });
  return acceptRequest({ requestId: request.id, userId: input.userId });
}
