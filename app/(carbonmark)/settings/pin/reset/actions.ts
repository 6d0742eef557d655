"use server";

import { pinActionClient } from "@/lib/carbonmark/action-client";
import { reissueSession } from "@/lib/carbonmark/auth/session-cookie";
import { ZResetPin } from "@/lib/carbonmark/wallet/pin";
import { resetPin } from "@/lib/carbonmark/wallet/reset-pin";

// The password is checked here, so attempts share the PIN budget (per account and per IP); a reset
// ends every other session (whoever else holds a cookie), this browser gets a fresh one.
export const resetPinAction = pinActionClient.inputSchema(ZResetPin).action(async ({ ctx, parsedInput }) => {
  const { heldUntil, sessionVersion } = await resetPin({
    userId: ctx.user.id,
    password: parsedInput.password,
    newPin: parsedInput.newPin,
    passkey: parsedInput.passkey,
  });
  await reissueSession({ user: ctx.user, sessionVersion });
  return { heldUntil: heldUntil.toISOString() };
});
