"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { ZStartInstall } from "@/lib/carbonmark/connection/actions-schemas";
import { completeIcrInstall, ZInstallCallback } from "@/lib/carbonmark/connection/complete-install";
import { CONSENT_WAIT_STEP_MS } from "@/lib/carbonmark/connection/consent-wait";
import { disconnectIcr } from "@/lib/carbonmark/connection/disconnect";
import { startIcrInstall } from "@/lib/carbonmark/connection/start-install";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";
import { z } from "zod";

export const startIcrInstallAction = authedActionClient
  .inputSchema(ZStartInstall)
  .action(async ({ ctx, parsedInput }) => {
    return { url: await startIcrInstall({ userId: ctx.user.id, returnTo: parsedInput.returnTo }) };
  });

export const disconnectIcrAction = authedActionClient.inputSchema(z.object({})).action(async ({ ctx }) => {
  return disconnectIcr({ userId: ctx.user.id });
});

/** The callback page's repeated look for ICR's proof of consent (waits a few seconds per call). */
export const confirmIcrInstallAction = authedActionClient
  .inputSchema(ZInstallCallback)
  .action(async ({ ctx, parsedInput }) => {
    const outcome = await completeIcrInstall({ userId: ctx.user.id, ...parsedInput, waitMs: CONSENT_WAIT_STEP_MS });
    return outcome.status === "connected" ? { ...outcome, returnTo: safeRedirectPath(outcome.returnTo) } : outcome;
  });
