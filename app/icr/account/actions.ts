"use server";

import { headers } from "next/headers";
import { changeIcrPassword, ZChangePassword } from "@/lib/registry/auth/change-password";
import { currentIcrSessionId } from "@/lib/registry/auth/session";
import { icrUserAction, IcrUserError } from "@/lib/registry/web/icr-action-client";
import { clientIpFrom } from "@/lib/security/client-ip";
import { RateLimitedError } from "@/lib/security/rate-limit";

// This browser keeps its session; every other session of the user ends.
export const changePasswordAction = icrUserAction.inputSchema(ZChangePassword).action(async ({ ctx, parsedInput }) => {
  const sessionId = await currentIcrSessionId();
  if (!sessionId) throw new IcrUserError("Your ICR session has ended. Sign in again; nothing was changed.");
  try {
    return await changeIcrPassword({
      userId: ctx.user.id,
      keepSessionId: sessionId,
      currentPassword: parsedInput.currentPassword,
      newPassword: parsedInput.newPassword,
      ip: clientIpFrom(await headers()),
    });
  } catch (err) {
    if (err instanceof RateLimitedError) throw new IcrUserError(`${err.message} Nothing was changed.`);
    throw err;
  }
});
