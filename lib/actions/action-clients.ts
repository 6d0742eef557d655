import { createMiddleware, createSafeActionClient } from "next-safe-action";
import { logger } from "@/lib/log/logger";
import { consumeOrThrow, RateLimitedError, refund, type TLimitCheck } from "@/lib/security/rate-limit";

export const GENERIC_ACTION_ERROR = "Something went wrong on our side. Nothing was changed; please try again.";

/**
 * What a person sees when an action throws: the side's message for an error meant for people
 * (`userMessage` answers it) or a refused attempt, else a generic message while the error is logged.
 */
export function actionErrorFormatter(side: string, userMessage: (err: Error) => string | undefined) {
  return (err: Error): string => {
    const message = err instanceof RateLimitedError ? err.message : userMessage(err);
    if (message !== undefined) return message;
    logger.error({ err: { name: err.name, message: err.message }, side }, "server action failed");
    return GENERIC_ACTION_ERROR;
  };
}

/**
 * A side's action clients, one per trust level: `publicAction` for anyone, `signedInAction` for a
 * signed-in person (`ctx.user`; no session throws `signedOut()`, shown as its message). Every
 * action answers `{ data } | { serverError } | { validationErrors }` (read with `./action-result`).
 */
export function createActionClients<TUser extends object>(opts: {
  side: string;
  userMessage: (err: Error) => string | undefined;
  getUser: () => Promise<TUser | null>;
  signedOut: () => Error;
}) {
  const handleServerError = actionErrorFormatter(opts.side, opts.userMessage);
  const publicAction = createSafeActionClient({ handleServerError });
  const signedInAction = publicAction.use(async ({ next }) => {
    const user = await opts.getUser();
    if (!user) throw opts.signedOut();
    return next({ ctx: { user } });
  });
  return { handleServerError, publicAction, signedInAction };
}

/**
 * The re-authenticated level, for actions that check a secret again (a PIN): each attempt is
 * counted per account and per address before the secret is checked (the check is costly); an
 * attempt that succeeds, or that the input schema refused before any check, is given back, so
 * only failures use up the budget. Use as `signedInAction.use(attemptBudget(checksFor))`.
 */
export function attemptBudget(checksFor: (user: { id: string }) => Promise<TLimitCheck[]>) {
  return createMiddleware<{ ctx: { user: { id: string } } }>().define(async ({ ctx, next }) => {
    const checks = await checksFor(ctx.user);
    await consumeOrThrow(checks);
    const result = await next();
    if (result.success || result.validationErrors) await refund(checks);
    return result;
  });
}
