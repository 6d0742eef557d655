"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { uninstallApp } from "@/lib/registry/apps/uninstall-app";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

export const uninstallAppAction = icrUserAction
  .inputSchema(z.object({ installationId: z.string().uuid() }))
  .action(async ({ ctx, parsedInput }) => {
    const { installation } = await uninstallApp({ installationId: parsedInput.installationId, userId: ctx.user.id });
    revalidatePath(`/icr/organizations/${installation.organizationId}/apps`);
    return { installationId: installation.id };
  });
