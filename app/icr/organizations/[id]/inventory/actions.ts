"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZCreditAmount } from "@/lib/amount";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { declineRequest } from "@/lib/registry/requests/decline-request";
import { retireCredits } from "@/lib/registry/web/retire-credits";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

const ZDecision = z.object({ requestId: z.string().uuid("Unknown request") });

// Admin checks are in the domain functions (a member gets "Only an admin …"), not only in the page.
export const acceptRequestAction = icrUserAction.inputSchema(ZDecision).action(async ({ ctx, parsedInput }) => {
  const r = await acceptRequest({ requestId: parsedInput.requestId, userId: ctx.user.id });
  revalidatePath(`/icr/organizations/${r.organizationId}/inventory`);
  return { requestId: r.id, state: r.state };
});

export const declineRequestAction = icrUserAction.inputSchema(ZDecision).action(async ({ ctx, parsedInput }) => {
  const r = await declineRequest({ requestId: parsedInput.requestId, userId: ctx.user.id });
  revalidatePath(`/icr/organizations/${r.organizationId}/inventory`);
  return { requestId: r.id, state: r.state };
});

const ZRetireForm = z.object({
  organizationId: z.string().uuid(),
  creditId: z.string().min(1),
  quantity: ZCreditAmount,
  beneficiaryName: z
    .string()
    .trim()
    .min(1, "Enter the beneficiary: who claims these credits")
    .max(200, "At most 200 characters"),
  retirementReason: z.string().trim().max(500, "At most 500 characters").optional(),
  retirementComment: z.string().trim().max(1000, "At most 1000 characters").optional(),
  idempotencyKey: z.string().uuid("Reload the page and try again"),
});

export const retireCreditsAction = icrUserAction.inputSchema(ZRetireForm).action(async ({ ctx, parsedInput }) => {
  const r = await retireCredits({ ...parsedInput, userId: ctx.user.id });
  revalidatePath(`/icr/organizations/${parsedInput.organizationId}/inventory`);
  return { requestId: r.id, state: r.state };
});
