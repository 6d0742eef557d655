// Errors meant for people. Anything else thrown in a server action is logged and replaced by a
// generic message (see lib/actions/action-clients.ts).
export class CmUserError extends Error {
  constructor(
    message: string,
    readonly code:
      | "invalid_input"
      | "unauthenticated"
      | "not_found"
      | "conflict"
      | "locked"
      | "icr_unavailable"
      | "not_connected"
      | "forbidden" = "invalid_input",
  ) {
    super(message);
  }
}
