"use server";

import { headers } from "next/headers";
import { RESET_TTL_MS, requestPasswordReset, ZRequestPasswordReset } from "@/lib/registry/auth/password-reset";
import { clientIpFrom } from "@/lib/security/client-ip";
import { RateLimitedError } from "@/lib/security/rate-limit";

export type TForgotPasswordState = { error?: string; email?: string; sentTo?: string };

// One answer for every well-formed address, known or not (the mail says which it was).
export async function requestPasswordResetAction(
  _prev: TForgotPasswordState,
  form: FormData,
): Promise<TForgotPasswordState> {
  const email = String(form.get("email") ?? "").slice(0, 300);
  const parsed = ZRequestPasswordReset.safeParse({ email });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email };
  try {
    await requestPasswordReset({ email: parsed.data.email, ip: clientIpFrom(await headers()) });
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    const minutes = Math.max(1, Math.ceil(err.retryAfterSec / 60));
    return {
      error: `Too many reset requests for this address or from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}; a link already mailed to you still works for ${RESET_TTL_MS / 60_000} minutes after it was sent.`,
      email,
    };
  }
  return { sentTo: parsed.data.email };
}
