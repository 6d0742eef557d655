"use server";

import { revalidatePath } from "next/cache";
import { uninstallApp, ZUninstallApp } from "@/lib/registry/apps/uninstall-app";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

export const uninstallAppAction = icrUserAction.inputSchema(ZUninstallApp).action(async ({ ctx, parsedInput }) => {
  const { installation } = await uninstallApp({ installationId: parsedInput.installationId, userId: ctx.user.id });
  revalidatePath(`/icr/organizations/${installation.organizationId}/apps`);
  return { installationId: installation.id };
});
