import { createSafeActionClient } from "next-safe-action";
import { CmUserError, GENERIC_ERROR_MESSAGE } from "@/lib/carbonmark/errors";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { IcrNotConnectedError } from "@/lib/icr/token-store";
import { IcrApiError } from "@/lib/icr/errors";
import { logger } from "@/lib/log/logger";

// One client per trust level. Expected errors reach the user; anything else is logged and hidden.
export function handleServerError(err: Error): string {
  if (err instanceof CmUserError) return err.message;
  if (err instanceof IcrNotConnectedError) return err.message;
  if (err instanceof IcrApiError && err.isUnavailable) return "ICR is not answering right now. Nothing was changed; please try again in a minute.";
  logger.error({ err: { name: err.name, message: err.message } }, "server action failed");
  return GENERIC_ERROR_MESSAGE;
}

export const publicActionClient = createSafeActionClient({ handleServerError });

export const authedActionClient = publicActionClient.use(async ({ next }) => {
  const user = await getSessionUser();
  if (!user) throw new CmUserError("Your session has expired. Sign in again; nothing was changed.", "unauthenticated");
  return next({ ctx: { user } });
});
