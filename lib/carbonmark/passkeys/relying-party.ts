import { config } from "@/lib/config";

/** Who we are to WebAuthn: the RP ID is APP_URL's host name, the only origin accepted is APP_URL's. */
export function relyingParty(): { rpID: string; origin: string; rpName: string } {
  const url = new URL(config().APP_URL);
  return { rpID: url.hostname, origin: url.origin, rpName: "Carbonmark" };
}

/** The WebAuthn user handle of an account: its id's 16 bytes (stable, so one authenticator keeps one passkey per account). */
export const userHandleOf = (userId: string) => Buffer.from(userId.replace(/-/g, ""), "hex");
