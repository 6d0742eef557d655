"use server";

import { headers } from "next/headers";
import { RESET_TTL_MS, requestPasswordReset, ZRequestPasswordReset } from "@/lib/registry/auth/password-reset";
import { icrPublicAction, IcrUserError } from "@/lib/registry/web/icr-action-client";
import { clientIpFrom } from "@/lib/security/client-ip";
import { RateLimitedError } from "@/lib/security/rate-limit";

// One answer for every well-formed address, known or not (the mail says which it was).
export const requestPasswordResetAction = icrPublicAction
  .inputSchema(ZRequestPasswordReset)
  .action(async ({ parsedInput }) => {
    try {
      await requestPasswordReset({ email: parsedInput.email, ip: clientIpFrom(await headers()) });
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      const minutes = Math.max(1, Math.ceil(err.retryAfterSec / 60));
      throw new IcrUserError(
        `Too many reset requests for this address or from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}; a link already mailed to you still works for ${RESET_TTL_MS / 60_000} minutes after it was sent.`,
      );
    }
    return { sentTo: parsedInput.email };
  });
