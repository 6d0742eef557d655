import { CmUserError } from "@/lib/carbonmark/errors";
import { verifyPasskeyAssertion } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import { hasPasskey } from "@/lib/carbonmark/passkeys/manage-passkeys";
import type { TPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";

export const PIN_RESET_NEEDS_PASSKEY_MESSAGE =
  "Your account has a passkey, so a PIN reset needs one of your passkeys as well as your password. Nothing was changed.";

/**
 * A PIN reset of an account with a passkey needs one of its passkeys (a `pin_reset` challenge bound
 * to the user, user verification required) besides the password: whoever learned the password
 * alone cannot reset the PIN. Accounts without a passkey are unaffected. Throws CmUserError.
 */
export async function requirePasskeyForPinReset(opts: {
  userId: string;
  passkey: TPasskeyAssertion | undefined;
  now?: Date;
}): Promise<void> {
  if (!(await hasPasskey(opts.userId))) return;
  if (!opts.passkey) throw new CmUserError(PIN_RESET_NEEDS_PASSKEY_MESSAGE, "forbidden");
  await verifyPasskeyAssertion({ purpose: "pin_reset", userId: opts.userId, assertion: opts.passkey, now: opts.now });
}
