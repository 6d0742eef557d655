"use server";

import { z } from "zod";
import { prisma } from "@/lib/db";
import { badRequest, notFound } from "@/lib/registry/api/errors";
import { installApp } from "@/lib/registry/apps/install-app";
import { installRedirectUrl, isAllowedRedirect } from "@/lib/registry/apps/is-allowed-redirect";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

const ZInstallApp = z.object({
  nameId: z.string().min(1).max(100),
  organizationId: z.string().uuid("Choose an organization"),
  redirectUri: z.string().min(1).max(2000),
  state: z.string().max(2000).optional(),
});

export const installAppAction = icrUserAction.inputSchema(ZInstallApp).action(async ({ ctx, parsedInput }) => {
  const app = await prisma.icrApp.findUnique({ where: { nameId: parsedInput.nameId } });
  if (!app) throw notFound("That app does not exist.");
  if (!isAllowedRedirect(parsedInput.redirectUri, app.callbackUrls))
    throw badRequest("The return address is not registered for this app, so nothing was installed.");
  const { installation, wasAlreadyInstalled } = await installApp({
    appId: app.id,
    organizationId: parsedInput.organizationId,
    userId: ctx.user.id,
    state: parsedInput.state,
  });
  return {
    redirectTo: installRedirectUrl(parsedInput.redirectUri, installation.id, parsedInput.state),
    wasAlreadyInstalled,
  };
});
