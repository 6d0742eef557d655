import { z } from "zod";
import { ZCreditAmount } from "@/lib/amount";
import { isUniqueViolation, prisma } from "@/lib/db";
import { refineSingleLine } from "@/lib/single-line-text";
import { assertOrgAdmin } from "@/lib/registry/web/assert-org-admin";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";

/** The inventory page's retire form. The texts are printed on the certificate: one line of visible text each. */
export const ZRetireCreditsForm = z.object({
  organizationId: z.uuid(),
  creditId: z.string().min(1),
  quantity: ZCreditAmount,
  beneficiaryName: z
    .string()
    .trim()
    .min(1, "Enter the beneficiary: who claims these credits")
    .max(200, "At most 200 characters")
    .superRefine(refineSingleLine("The beneficiary")),
  retirementReason: z
    .string()
    .trim()
    .max(500, "At most 500 characters")
    .superRefine(refineSingleLine("The reason"))
    .optional(),
  retirementComment: z
    .string()
    .trim()
    .max(1000, "At most 1000 characters")
    .superRefine(refineSingleLine("The comment"))
    .optional(),
  idempotencyKey: z.uuid("Reload the page and try again"),
});

/**
 * An admin retires credits from the inventory page: a `retire` request made and accepted by the
 * admin in one step (the worker then burns them on chain and the retirement gets its certificate).
 * The form's `idempotencyKey` makes it happen once however often the form arrives (a second click,
 * a dialog closed and sent again, a retry): the same key returns the same request, and accepts it
 * if a crash came between making and accepting it.
 */
export async function retireCredits(input: {
  organizationId: string;
  userId: string;
  creditId: string;
  quantity: string;
  beneficiaryName: string;
  retirementReason?: string;
  retirementComment?: string;
  idempotencyKey: string;
}) {
  const memberships = await prisma.icrMembership.findMany({
    where: { userId: input.userId },
    select: { organizationId: true, role: true },
  });
  assertOrgAdmin({ memberships }, input.organizationId, "retire credits");
  const request = (await findByKey(input)) ?? (await makeOnce(input));
  if (request.state !== "pending_request") return request;
  try {
    return await acceptRequest({ requestId: request.id, userId: input.userId });
  } catch (err) {
    // The same form, sent twice at once, accepted it in the other call.
    const now = await findByKey(input);
    if (now?.decidedById === input.userId && now.state !== "rejected" && now.state !== "cancelled") return now;
    throw err;
  }
}

function findByKey(input: { organizationId: string; idempotencyKey: string }) {
  return prisma.icrCreditRequest.findUnique({
    where: {
      organizationId_idempotencyKey: { organizationId: input.organizationId, idempotencyKey: input.idempotencyKey },
    },
  });
}

/** Makes the request; when the same form won a race meanwhile, that one (the unique key refused this). */
async function makeOnce(input: Parameters<typeof retireCredits>[0]) {
  try {
    return await createRequest({
      organizationId: input.organizationId,
      action: "retire",
      idempotencyKey: input.idempotencyKey,
      input: {
        creditId: input.creditId,
        amount: input.quantity,
        beneficiaryName: input.beneficiaryName,
        retirementReason: input.retirementReason || undefined,
        retirementComment: input.retirementComment || undefined,
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await findByKey(input))!;
  }
}
