import { z } from "zod";
import { badRequest, notFound } from "@/lib/registry/api/errors";
import { findApp } from "@/lib/registry/apps/find-app";
import { installApp } from "@/lib/registry/apps/install-app";
import { installRedirectUrl, isAllowedRedirect } from "@/lib/registry/apps/is-allowed-redirect";

/** What the install page sends: the app's link (`nameId`, `redirectUri`, `state`) and the organization chosen. */
export const ZInstallFromLink = z.object({
  nameId: z.string().min(1).max(100),
  organizationId: z.string().uuid("Choose an organization"),
  redirectUri: z.string().min(1).max(2000),
  state: z.string().max(2000).optional(),
});

/**
 * An admin installs an app from its install link: the return address must be one the app
 * registered (checked before anything is installed); the answer is where to send the browser
 * back, with the installation's id and the link's `state`.
 */
export async function installFromLink(input: z.infer<typeof ZInstallFromLink> & { userId: string }) {
  const app = await findApp(input.nameId);
  if (!app) throw notFound("That app does not exist.");
  if (!isAllowedRedirect(input.redirectUri, app.callbackUrls))
    throw badRequest("The return address is not registered for this app, so nothing was installed.");
  const { installation, wasAlreadyInstalled } = await installApp({
    appId: app.id,
    organizationId: input.organizationId,
    userId: input.userId,
    state: input.state,
  });
  return { redirectTo: installRedirectUrl(input.redirectUri, installation.id, input.state), wasAlreadyInstalled };
}
