"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { requestPasswordResetAction } from "@/app/icr/forgot-password/actions";

export function ForgotPasswordForm() {
  const [error, setError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function send(form: FormData) {
    const result = await callAction(() => requestPasswordResetAction({ email: String(form.get("email") ?? "") }));
    if (!result?.data) return setError(actionErrorMessage(result));
    setSentTo(result.data.sentTo);
  }

  if (sentTo) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title="Check your inbox">
          If an account exists for <span className="break-words font-medium">{sentTo}</span>, we&apos;ve sent a link to
          choose a new password. It works once, for 30 minutes. Nothing changes until you use it.
        </Alert>
        <a href="/icr/sign-in" className="text-sm font-medium text-icr hover:underline">
          Back to sign in
        </a>
      </div>
    );
  }
  return (
    <Form action={send} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="username" required data-autofocus />
      <Button type="submit" variant="icr" isLoading={isPending}>
        Send reset link
      </Button>
      <a href="/icr/sign-in" className="text-center text-sm font-medium text-icr hover:underline">
        Back to sign in
      </a>
    </Form>
  );
}
