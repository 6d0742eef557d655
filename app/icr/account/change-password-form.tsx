"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { changePasswordAction, type TChangePasswordState } from "@/app/icr/account/actions";

export function ChangePasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const [state, action, isPending] = useActionState<TChangePasswordState, FormData>(changePasswordAction, {});
  if (state.done) {
    const n = state.done.endedSessions;
    return (
      <Alert tone="success" title="Your password was changed">
        {n === 0
          ? "You were not signed in anywhere else."
          : `${n} other session${n === 1 ? " was" : "s were"} ended; this browser stays signed in.`}{" "}
        We mailed a notice to <span className="break-words font-medium">{email}</span>.
      </Alert>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <Form action={action} className="flex flex-col gap-4" noValidate>
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword}
        required
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minLength} characters.`}
        error={errors.newPassword}
        required
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword}
        required
      />
      <Button type="submit" variant="icr" isLoading={isPending} className="self-start">
        Change password
      </Button>
    </Form>
  );
}
