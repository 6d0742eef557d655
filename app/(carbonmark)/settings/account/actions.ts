"use server";

import { authedActionClient, pinActionClient } from "@/lib/carbonmark/action-client";
import { limitAccountMail } from "@/lib/carbonmark/account/account-limits";
import { changePassword, ZChangePassword } from "@/lib/carbonmark/account/change-password";
import { requestEmailChange, ZRequestEmailChange } from "@/lib/carbonmark/account/change-email";
import { resendVerificationMail } from "@/lib/carbonmark/account/verify-email";
import { reissueSession } from "@/lib/carbonmark/auth/session-cookie";

export const resendVerificationAction = authedActionClient.action(async ({ ctx }) => {
  await limitAccountMail(ctx.user.email);
  await resendVerificationMail({ userId: ctx.user.id });
  return { sent: true };
});

// These check the account password, so their attempts share the PIN budget (per account and per IP).
export const requestEmailChangeAction = pinActionClient
  .inputSchema(ZRequestEmailChange)
  .action(async ({ ctx, parsedInput }) => {
    await limitAccountMail(ctx.user.id);
    await requestEmailChange({ userId: ctx.user.id, ...parsedInput });
    return { sentTo: parsedInput.newEmail };
  });

export const changePasswordAction = pinActionClient
  .inputSchema(ZChangePassword)
  .action(async ({ ctx, parsedInput }) => {
    const sessionVersion = await changePassword({ userId: ctx.user.id, ...parsedInput });
    // Every other session ended; this browser gets a fresh one.
    await reissueSession({ user: ctx.user, sessionVersion });
    return { changed: true };
  });
