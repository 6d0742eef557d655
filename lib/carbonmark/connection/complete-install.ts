import { z } from "zod";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { IcrApiError } from "@/lib/icr/errors";
import { getInstallation } from "@/lib/icr/installations";
import type { IcrHttpClient } from "@/lib/icr/base-client";

export const ZInstallCallback = z.object({
  state: z.string().min(16, "The link is incomplete: the state is missing").max(200),
  installationId: z.uuid("The link is incomplete: the installation id is missing"),
});

/**
 * The callback from ICR: the state must be this user's, unused and unexpired (it is used up here,
 * once), and the installation is trusted only after ICR confirms it with the app JWT.
 */
export async function completeIcrInstall(opts: { userId: string; state: string; installationId: string; now?: Date; client?: IcrHttpClient }) {
  const now = opts.now ?? new Date();
  const used = await prisma.cmInstallState.updateMany({
    where: { state: opts.state, userId: opts.userId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) {
    const row = await prisma.cmInstallState.findUnique({ where: { state: opts.state } });
    if (!row || row.userId !== opts.userId) throw new CmUserError("This connection link was not started from your Carbonmark account. Start again with CONNECT TO ICR.", "forbidden");
    if (row.usedAt) throw new CmUserError("This connection link was already used. Start again with CONNECT TO ICR.", "conflict");
    throw new CmUserError("This connection link has expired. Start again with CONNECT TO ICR.", "invalid_input");
  }
  const { returnTo } = await prisma.cmInstallState.findUniqueOrThrow({ where: { state: opts.state }, select: { returnTo: true } });

  let installation;
  try {
    installation = await getInstallation(opts.installationId, opts.client);
  } catch (err) {
    if (err instanceof IcrApiError && err.isNotFound) throw new CmUserError("ICR does not know this installation of the Carbonmark app. Install it again from CONNECT TO ICR.", "not_found");
    if (err instanceof IcrApiError && err.isUnavailable) throw new CmUserError("ICR is not answering right now, so the connection could not be confirmed. Try CONNECT TO ICR again in a minute.", "icr_unavailable");
    throw err;
  }
  if (installation.appId !== config().ICR_APP_ID || !installation.isActive || installation.organizationId !== installation.organization.id) {
    throw new CmUserError("ICR did not confirm this installation of the Carbonmark app. Install it again from CONNECT TO ICR.", "forbidden");
  }

  const data = { installationId: installation.id, organizationId: installation.organizationId, organizationName: installation.organization.fullName, accessTokenEncrypted: null, accessTokenExpiresAt: null };
  await prisma.cmIcrConnection.upsert({ where: { userId: opts.userId }, create: { userId: opts.userId, ...data }, update: { ...data, connectedAt: now } });
  return { organizationName: installation.organization.fullName, organizationId: installation.organizationId, returnTo };
}
