"use server";

import { pinActionClient } from "@/lib/carbonmark/action-client";
import { revokeSessions } from "@/lib/carbonmark/auth/revoke-sessions";
import { reissueSession } from "@/lib/carbonmark/auth/session-cookie";
import { changePin } from "@/lib/carbonmark/wallet/change-pin";
import { ZChangePin } from "@/lib/carbonmark/wallet/pin";

export const changePinAction = pinActionClient.inputSchema(ZChangePin).action(async ({ ctx, parsedInput }) => {
  await changePin({ userId: ctx.user.id, currentPin: parsedInput.currentPin, newPin: parsedInput.newPin });
  // A new PIN ends every other session (a stolen cookie included); this browser gets a fresh one.
  const sessionVersion = await revokeSessions({ userId: ctx.user.id });
  await reissueSession({ user: ctx.user, sessionVersion });
  return { changed: true };
});
