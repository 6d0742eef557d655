"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { requestPasswordResetAction, type TForgotPasswordState } from "@/app/icr/forgot-password/actions";

export function ForgotPasswordForm() {
  const [state, action, isPending] = useActionState<TForgotPasswordState, FormData>(requestPasswordResetAction, {});
  if (state.sentTo) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title="Check your inbox">
          If an account exists for <span className="break-words font-medium">{state.sentTo}</span>, we&apos;ve sent a
          link to choose a new password. It works once, for 30 minutes. Nothing changes until you use it.
        </Alert>
        <a href="/icr/sign-in" className="text-sm font-medium text-icr hover:underline">
          Back to sign in
        </a>
      </div>
    );
  }
  return (
    <Form action={action} className="flex flex-col gap-4" noValidate>
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={state.email}
        required
        data-autofocus
      />
      <Button type="submit" variant="icr" isLoading={isPending}>
        Send reset link
      </Button>
      <a href="/icr/sign-in" className="text-center text-sm font-medium text-icr hover:underline">
        Back to sign in
      </a>
    </Form>
  );
}
