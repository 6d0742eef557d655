"use server";

import { revalidatePath } from "next/cache";
import { acceptRequest, ZRequestDecision } from "@/lib/registry/requests/accept-request";
import { declineRequest } from "@/lib/registry/requests/decline-request";
import { retireCredits, ZRetireCreditsForm } from "@/lib/registry/web/retire-credits";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

// Admin checks are in the domain functions (a member gets "Only an admin …"), not only in the page.
export const acceptRequestAction = icrUserAction.inputSchema(ZRequestDecision).action(async ({ ctx, parsedInput }) => {
  const r = await acceptRequest({ requestId: parsedInput.requestId, userId: ctx.user.id });
  revalidatePath(`/icr/organizations/${r.organizationId}/inventory`);
  return { requestId: r.id, state: r.state };
});

export const declineRequestAction = icrUserAction.inputSchema(ZRequestDecision).action(async ({ ctx, parsedInput }) => {
  const r = await declineRequest({ requestId: parsedInput.requestId, userId: ctx.user.id });
  revalidatePath(`/icr/organizations/${r.organizationId}/inventory`);
  return { requestId: r.id, state: r.state };
});

export const retireCreditsAction = icrUserAction
  .inputSchema(ZRetireCreditsForm)
  .action(async ({ ctx, parsedInput }) => {
    const r = await retireCredits({ ...parsedInput, userId: ctx.user.id });
    revalidatePath(`/icr/organizations/${parsedInput.organizationId}/inventory`);
    return { requestId: r.id, state: r.state };
  });
