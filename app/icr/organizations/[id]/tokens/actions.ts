"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { PERMISSIONS } from "@/lib/registry/auth/permissions";
import { createOrgToken } from "@/lib/registry/tokens/create-org-token";
import { revokeOrgToken } from "@/lib/registry/tokens/revoke-org-token";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

const ZCreateToken = z.object({
  organizationId: z.string().uuid(),
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  permissions: z.array(z.enum(PERMISSIONS)).min(1, "Choose at least one permission"),
  // A calendar day: the token works until the end of that day (UTC).
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose an end date"),
});

export const createOrgTokenAction = icrUserAction.inputSchema(ZCreateToken).action(async ({ ctx, parsedInput }) => {
  const expiresAt = new Date(`${parsedInput.endDate}T23:59:59.999Z`);
  const created = await createOrgToken({
    organizationId: parsedInput.organizationId,
    userId: ctx.user.id,
    name: parsedInput.name,
    permissions: parsedInput.permissions,
    expiresAt,
  });
  revalidatePath(`/icr/organizations/${parsedInput.organizationId}/tokens`);
  return { token: created.token, expiresAt: created.expiresAt.toISOString() };
});

export const revokeOrgTokenAction = icrUserAction
  .inputSchema(z.object({ tokenId: z.string().uuid() }))
  .action(async ({ ctx, parsedInput }) => {
    const token = await revokeOrgToken({ tokenId: parsedInput.tokenId, userId: ctx.user.id });
    revalidatePath(`/icr/organizations/${token.organizationId}/tokens`);
    return { tokenId: token.id };
  });
