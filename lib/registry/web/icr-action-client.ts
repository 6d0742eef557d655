import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { logger } from "@/lib/log/logger";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { getIcrUser } from "@/lib/registry/auth/session";

/** An error whose message is meant for the person using the page. */
export class IcrUserError extends Error {}

/** Expected errors keep their message; anything else is logged and replaced by a generic one. */
export function handleIcrServerError(err: Error): string {
  if (err instanceof IcrUserError || err instanceof IcrHttpError) return err.message;
  logger.error({ err }, "ICR server action failed");
  return "Something went wrong on our side; please try again.";
}

/** Server actions of signed-in ICR users: `ctx.user` is the session's user. */
export const icrUserAction = createSafeActionClient({ handleServerError: handleIcrServerError }).use(
  async ({ next }) => {
    const user = await getIcrUser();
    if (!user) throw new IcrUserError("Your ICR session has ended. Sign in again.");
    return next({ ctx: { user } });
  },
);
