"use server";

import { headers } from "next/headers";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { changeIcrPassword, ZChangePassword } from "@/lib/registry/auth/change-password";
import { currentIcrSessionId, getIcrUser } from "@/lib/registry/auth/session";
import { fieldErrors } from "@/lib/registry/web/field-errors";
import { clientIpFrom } from "@/lib/security/client-ip";
import { RateLimitedError } from "@/lib/security/rate-limit";

export type TChangePasswordState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  done?: { endedSessions: number };
};

// This browser keeps its session; every other session of the user ends.
export async function changePasswordAction(_prev: TChangePasswordState, form: FormData): Promise<TChangePasswordState> {
  const user = await getIcrUser();
  const sessionId = await currentIcrSessionId();
  if (!user || !sessionId) return { error: "Your ICR session has ended. Sign in again; nothing was changed." };
  const parsed = ZChangePassword.safeParse({
    currentPassword: String(form.get("currentPassword") ?? ""),
    newPassword: String(form.get("newPassword") ?? ""),
    confirmPassword: String(form.get("confirmPassword") ?? ""),
  });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    const { endedSessions } = await changeIcrPassword({
      userId: user.id,
      keepSessionId: sessionId,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      ip: clientIpFrom(await headers()),
    });
    return { done: { endedSessions } };
  } catch (err) {
    if (err instanceof RateLimitedError) return { error: `${err.message} Nothing was changed.` };
    if (err instanceof IcrHttpError) return { error: err.message };
    throw err;
  }
}
