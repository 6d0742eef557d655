import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { IcrApiError } from "@/lib/icr/errors";
import { getInstallation } from "@/lib/icr/installations";
import type { IcrHttpClient } from "@/lib/icr/base-client";

export const ZInstallCallback = z.object({
  state: z
    .string()
    .min(16, "The link is incomplete or damaged: its state is missing or too short")
    .max(200, "The link is damaged: its state is too long"),
  installationId: z.guid("The link is incomplete: the installation id is missing"),
});

/** How often the callback looks for ICR's `installed` webhook while it waits for it. */
const CONSENT_POLL_MS = 250;

export type TInstallOutcome =
  { status: "connected"; organizationName: string; organizationId: string; returnTo: string } | { status: "waiting" };

/** The state must be this user's, unused and unexpired; otherwise a message saying which. */
async function assertUsableState(opts: { userId: string; state: string; now: Date }) {
  const row = await prisma.cmInstallState.findUnique({ where: { state: opts.state } });
  if (!row || row.userId !== opts.userId)
    throw new CmUserError(
      "This connection link was not started from your Carbonmark account. Start again with CONNECT TO ICR.",
      "forbidden",
    );
  if (row.usedAt)
    throw new CmUserError("This connection link was already used. Start again with CONNECT TO ICR.", "conflict");
  if (row.expiresAt <= opts.now)
    throw new CmUserError("This connection link has expired. Start again with CONNECT TO ICR.", "invalid_input");
  return row;
}

/** ICR's proof (its signed `installed` webhook) that an admin installed this installation with this state; waits up to `waitMs` for it. */
async function findConsent(opts: { state: string; installationId: string; waitMs: number }) {
  const until = Date.now() + opts.waitMs;
  for (;;) {
    const consent = await prisma.cmInstallConsent.findUnique({
      where: { state_installationId: { state: opts.state, installationId: opts.installationId } },
    });
    if (consent || Date.now() + CONSENT_POLL_MS > until) return consent;
    await sleep(CONSENT_POLL_MS);
  }
}

/**
 * The callback from ICR. An `installationId` in a URL proves nothing (anyone who saw one can paste
 * it), so the connection is made only when ICR's signed `installed` webhook carried this user's
 * unused state for this very installation (docs/icr-contract.md, "Proof of consent"); then the
 * state is used up, once, and ICR confirms the installation with the app JWT. Until the webhook
 * has arrived the answer is `waiting` (the page keeps asking, each time waiting up to `waitMs`).
 */
export async function completeIcrInstall(opts: {
  userId: string;
  state: string;
  installationId: string;
  waitMs?: number;
  now?: Date;
  client?: IcrHttpClient;
}): Promise<TInstallOutcome> {
  const now = opts.now ?? new Date();
  await assertUsableState({ userId: opts.userId, state: opts.state, now });

  const consent = await findConsent({
    state: opts.state,
    installationId: opts.installationId,
    waitMs: opts.waitMs ?? 0,
  });
  if (!consent) {
    const other = await prisma.cmInstallConsent.findFirst({
      where: { state: opts.state },
      select: { installationId: true },
    });
    if (other) {
      // ICR saw this state installed, but on another installation: the link was tampered with.
      await prisma.cmInstallState.updateMany({ where: { state: opts.state, usedAt: null }, data: { usedAt: now } });
      throw new CmUserError(
        "ICR confirmed a different installation for this connection link, so nothing was connected. Start again with CONNECT TO ICR.",
        "forbidden",
      );
    }
    return { status: "waiting" };
  }

  const used = await prisma.cmInstallState.updateMany({
    where: { state: opts.state, userId: opts.userId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) {
    await assertUsableState({ userId: opts.userId, state: opts.state, now });
    throw new CmUserError("This connection link was already used. Start again with CONNECT TO ICR.", "conflict");
  }
  const { returnTo } = await prisma.cmInstallState.findUniqueOrThrow({
    where: { state: opts.state },
    select: { returnTo: true },
  });

  let installation;
  try {
    installation = await getInstallation(opts.installationId, opts.client);
  } catch (err) {
    if (err instanceof IcrApiError && err.isNotFound)
      throw new CmUserError(
        "ICR does not know this installation of the Carbonmark app. Install it again from CONNECT TO ICR.",
        "not_found",
      );
    if (err instanceof IcrApiError && err.isUnavailable)
      throw new CmUserError(
        "ICR is not answering right now, so the connection could not be confirmed. Try CONNECT TO ICR again in a minute.",
        "icr_unavailable",
      );
    throw err;
  }
  if (
    installation.appId !== config().ICR_APP_ID ||
    !installation.isActive ||
    installation.organizationId !== installation.organization.id ||
    installation.organizationId !== consent.organizationId
  ) {
    throw new CmUserError(
      "ICR did not confirm this installation of the Carbonmark app. Install it again from CONNECT TO ICR.",
      "forbidden",
    );
  }

  const data = {
    installationId: installation.id,
    organizationId: installation.organizationId,
    organizationName: installation.organization.fullName,
    icrUserId: consent.icrUserId,
    icrUserName: consent.icrUserName,
    accessTokenEncrypted: null,
    accessTokenExpiresAt: null,
  };
  await prisma.cmIcrConnection.upsert({
    where: { userId: opts.userId },
    create: { userId: opts.userId, ...data },
    update: { ...data, connectedAt: now },
  });
  return {
    status: "connected",
    organizationName: installation.organization.fullName,
    organizationId: installation.organizationId,
    returnTo,
  };
}
