"use server";

import { installFromLink, ZInstallFromLink } from "@/lib/registry/apps/install-from-link";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

export const installAppAction = icrUserAction
  .inputSchema(ZInstallFromLink)
  .action(async ({ ctx, parsedInput }) => installFromLink({ ...parsedInput, userId: ctx.user.id }));
