// Loaded when the sign-in form is sent (sign-in-form.tsx), not with the page: what the answer means
// for the form stays out of the signed-out page's first-load JavaScript.
import { actionErrorMessage } from "@/lib/actions/action-result";
import { SIGN_IN_STEP } from "@/lib/carbonmark/passkeys/sign-in-steps";
import { postCredentials, type TCredentials } from "./post-credentials";

export type TSignInOutcome = { signedIn: true } | { needsPasskey: true } | { error: string };

/** Posts the email and password; says whether the user is signed in, needs the passkey step, or what went wrong. */
export async function signInWith(credentials: TCredentials): Promise<TSignInOutcome> {
  const res = await postCredentials(credentials);
  if (!res) return { error: actionErrorMessage(undefined)! }; // no answer (offline): not a wrong password
  // Too many attempts (429), or the form's CSRF token expired (403): the answer says what to do.
  if ((res.status === 429 || res.status === 403) && res.error) return { error: res.error };
  if (res.error === "AccountFrozen")
    return {
      error:
        "This account is frozen. Set a new password with the link we mailed you (or ask for a new one below) to lift it.",
    };
  if (res.error === SIGN_IN_STEP.passkeyRequired) return { needsPasskey: true };
  if (res.error) return { error: "The email or the password is not right." };
  return { signedIn: true };
}
