"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { resetPasswordAction, type TResetPasswordState } from "@/app/icr/reset-password/actions";
import { ResetLinkProblem } from "@/app/icr/reset-password/reset-link-problem";

export function ResetPasswordForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const [state, action, isPending] = useActionState<TResetPasswordState, FormData>(resetPasswordAction, {});
  if (state.doneFor) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title="Your password was changed">
          Every session of <span className="break-words font-medium">{state.doneFor}</span> was ended, on every device,
          this one included. Sign in with your new password.
        </Alert>
        <a href="/icr/sign-in" className={buttonClass("icr")}>
          Sign in
        </a>
      </div>
    );
  }
  if (state.linkError) return <ResetLinkProblem state={state.linkError.state} message={state.linkError.message} />;
  const errors = state.fieldErrors ?? {};
  return (
    <Form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      {errors.token && <Alert tone="danger">{errors.token}</Alert>}
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minLength} characters.`}
        error={errors.newPassword}
        required
        data-autofocus
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword}
        required
      />
      <Button type="submit" variant="icr" isLoading={isPending}>
        Set new password
      </Button>
    </Form>
  );
}
