import "server-only";
import { createActionClients } from "@/lib/actions/action-clients";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { getIcrUser } from "@/lib/registry/auth/session";

/** An error whose message is meant for the person using the page. */
export class IcrUserError extends Error {}

// ICR's action clients, one per trust level (lib/actions/action-clients.ts).
export const {
  handleServerError: handleIcrServerError,
  publicAction: icrPublicAction,
  signedInAction: icrUserAction,
} = createActionClients({
  side: "icr",
  userMessage: (err) => (err instanceof IcrUserError || err instanceof IcrHttpError ? err.message : undefined),
  getUser: getIcrUser,
  signedOut: () => new IcrUserError("Your ICR session has ended. Sign in again; nothing was changed."),
});
