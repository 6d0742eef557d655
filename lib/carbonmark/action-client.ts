import { createSafeActionClient } from "next-safe-action";
import { CmUserError, GENERIC_ERROR_MESSAGE } from "@/lib/carbonmark/errors";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { IcrNotConnectedError } from "@/lib/icr/token-store";
import { IcrApiError } from "@/lib/icr/errors";
import { logger } from "@/lib/log/logger";
import { headers } from "next/headers";
import { pinChecks } from "@/lib/carbonmark/auth/rate-limits";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeOrThrow, RateLimitedError, refund } from "@/lib/security/rate-limit";

// One client per trust level. Expected errors reach the user; anything else is logged and hidden.
export function handleServerError(err: Error): string {
  if (err instanceof CmUserError) return err.message;
  if (err instanceof RateLimitedError) return err.message;
  if (err instanceof IcrNotConnectedError) return err.message;
  if (err instanceof IcrApiError && err.isUnavailable)
    return "ICR is not answering right now. Nothing was changed; please try again in a minute.";
  logger.error({ err: { name: err.name, message: err.message } }, "server action failed");
  return GENERIC_ERROR_MESSAGE;
}

export const publicActionClient = createSafeActionClient({ handleServerError });

export const authedActionClient = publicActionClient.use(async ({ next }) => {
  const user = await getSessionUser();
  if (!user) throw new CmUserError("Your session has expired. Sign in again; nothing was changed.", "unauthenticated");
  return next({ ctx: { user } });
});

/**
 * For actions that check the wallet PIN (export, retire, finish a retirement, change the PIN): each
 * attempt is counted per account and per IP before the PIN is checked (scrypt is costly); an attempt
 * that succeeds (or never reached the PIN) is given back, so only failures use up the budget.
 */
export const pinActionClient = authedActionClient.use(async ({ ctx, next }) => {
  const checks = pinChecks({ userId: ctx.user.id, ip: clientIpFrom(await headers()) });
  await consumeOrThrow(checks);
  const result = await next();
  // Succeeded, or refused by the input schema before any PIN was checked.
  if (result.success || result.validationErrors) await refund(checks);
  return result;
});
