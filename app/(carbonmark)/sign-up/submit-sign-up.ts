// Loaded when the sign-up form is sent (sign-up-form.tsx), not with the page: the server action's
// client and what its answer means stay out of the signed-out page's first-load JavaScript.
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { signUpAction } from "./actions";

export type TSignUpOutcome = { error?: string; fields: Record<string, string>; isSignedIn?: true };

/** Creates the account and signs it in; else what the form shows (a message, or each field's error). */
export async function signUpWith(input: { name: string; email: string; password: string }): Promise<TSignUpOutcome> {
  const result = await callAction(() => signUpAction(input));
  const fields = actionFieldErrors(result);
  const message = result?.data ? undefined : actionErrorMessage(result);
  const error = result?.validationErrors ? undefined : message;
  if (!result?.data) return { error, fields };
  // next-auth/react loads when it is needed, not with the page (it would be most of this page's JavaScript).
  const signedIn = await callAction(async () => {
    const { signIn } = await import("next-auth/react");
    return signIn("credentials", { email: input.email, password: input.password, redirect: false });
  });
  if (!signedIn?.ok)
    return {
      fields,
      error:
        signedIn?.status === 429 && signedIn.error
          ? signedIn.error
          : "Your account was created, but signing you in did not work just now. Sign in with your email and password to continue.",
    };
  return { fields, isSignedIn: true };
}
