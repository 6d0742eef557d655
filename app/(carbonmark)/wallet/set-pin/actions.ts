"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { ZSetPin } from "@/lib/carbonmark/wallet/pin";
import { setUpPin } from "@/lib/carbonmark/wallet/set-up-pin";

export const setUpPinAction = authedActionClient.inputSchema(ZSetPin).action(async ({ ctx, parsedInput }) => {
  return setUpPin({ userId: ctx.user.id, pin: parsedInput.pin });
});
