"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { changePin } from "@/lib/carbonmark/wallet/change-pin";
import { ZChangePin } from "@/lib/carbonmark/wallet/pin";

export const changePinAction = authedActionClient.inputSchema(ZChangePin).action(async ({ ctx, parsedInput }) => {
  await changePin({ userId: ctx.user.id, currentPin: parsedInput.currentPin, newPin: parsedInput.newPin });
  return { changed: true };
});
