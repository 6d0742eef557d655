"use server";

import { publicActionClient } from "@/lib/carbonmark/action-client";
import { limitAccountMail } from "@/lib/carbonmark/account/account-limits";
import { requestPasswordReset, ZRequestPasswordReset } from "@/lib/carbonmark/account/reset-password";

export const requestPasswordResetAction = publicActionClient
  .inputSchema(ZRequestPasswordReset)
  .action(async ({ parsedInput }) => {
    await limitAccountMail(parsedInput.email);
    await requestPasswordReset({ email: parsedInput.email });
    return { sent: true };
  });
