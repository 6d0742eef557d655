"use server";

import { revalidatePath } from "next/cache";
import { createOrgToken, tokenExpiry, ZCreateOrgToken } from "@/lib/registry/tokens/create-org-token";
import { revokeOrgToken, ZRevokeOrgToken } from "@/lib/registry/tokens/revoke-org-token";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

export const createOrgTokenAction = icrUserAction.inputSchema(ZCreateOrgToken).action(async ({ ctx, parsedInput }) => {
  const created = await createOrgToken({
    organizationId: parsedInput.organizationId,
    userId: ctx.user.id,
    name: parsedInput.name,
    permissions: parsedInput.permissions,
    expiresAt: tokenExpiry(parsedInput.endDate),
  });
  revalidatePath(`/icr/organizations/${parsedInput.organizationId}/tokens`);
  return { token: created.token, expiresAt: created.expiresAt.toISOString() };
});

export const revokeOrgTokenAction = icrUserAction.inputSchema(ZRevokeOrgToken).action(async ({ ctx, parsedInput }) => {
  const token = await revokeOrgToken({ tokenId: parsedInput.tokenId, userId: ctx.user.id });
  revalidatePath(`/icr/organizations/${token.organizationId}/tokens`);
  return { tokenId: token.id };
});
