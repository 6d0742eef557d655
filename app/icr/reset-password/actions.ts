"use server";

import {
  ResetLinkError,
  resetPasswordWithToken,
  ZResetPassword,
  type TResetLinkState,
} from "@/lib/registry/auth/password-reset";
import { fieldErrors } from "@/lib/registry/web/field-errors";

export type TResetPasswordState = {
  fieldErrors?: Record<string, string>;
  linkError?: { state: Exclude<TResetLinkState, "valid">; message: string };
  doneFor?: string;
};

// The link's page only shows this form; the password changes (and the token is spent) only here.
export async function resetPasswordAction(_prev: TResetPasswordState, form: FormData): Promise<TResetPasswordState> {
  const parsed = ZResetPassword.safeParse({
    token: String(form.get("token") ?? ""),
    newPassword: String(form.get("newPassword") ?? ""),
    confirmPassword: String(form.get("confirmPassword") ?? ""),
  });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    const { email } = await resetPasswordWithToken({ token: parsed.data.token, newPassword: parsed.data.newPassword });
    return { doneFor: email };
  } catch (err) {
    if (err instanceof ResetLinkError) return { linkError: { state: err.state, message: err.message } };
    throw err;
  }
}
