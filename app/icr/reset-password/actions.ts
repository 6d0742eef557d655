"use server";

import { ResetLinkError, resetPasswordWithToken, ZResetPassword } from "@/lib/registry/auth/password-reset";
import { icrPublicAction } from "@/lib/registry/web/icr-action-client";

// The link's page only shows this form; the password changes (and the token is spent) only here.
// A link that cannot be used is an answer of its own (the page shows why and what to do), not a form error.
export const resetPasswordAction = icrPublicAction.inputSchema(ZResetPassword).action(async ({ parsedInput }) => {
  try {
    const { email } = await resetPasswordWithToken({ token: parsedInput.token, newPassword: parsedInput.newPassword });
    return { doneFor: email };
  } catch (err) {
    if (err instanceof ResetLinkError) return { linkError: { state: err.state, message: err.message } };
    throw err;
  }
});
