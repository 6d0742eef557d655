"use server";

import { publicActionClient } from "@/lib/carbonmark/action-client";
import { limitAccountLink } from "@/lib/carbonmark/account/account-limits";
import { resetPassword, ZResetPassword } from "@/lib/carbonmark/account/reset-password";
import { CmUserError } from "@/lib/carbonmark/errors";

export const resetPasswordAction = publicActionClient.inputSchema(ZResetPassword).action(async ({ parsedInput }) => {
  await limitAccountLink();
  const done = await resetPassword(parsedInput);
  if (!done)
    throw new CmUserError(
      "This link has expired or was already used. Ask for a new one; nothing was changed.",
      "not_found",
    );
  return done;
});
