"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { ZResetPin } from "@/lib/carbonmark/wallet/pin";
import { resetPin } from "@/lib/carbonmark/wallet/reset-pin";

export const resetPinAction = authedActionClient.inputSchema(ZResetPin).action(async ({ ctx, parsedInput }) => {
  const { heldUntil } = await resetPin({ userId: ctx.user.id, password: parsedInput.password, newPin: parsedInput.newPin });
  return { heldUntil: heldUntil.toISOString() };
});
