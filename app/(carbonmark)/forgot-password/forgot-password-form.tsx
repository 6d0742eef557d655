"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/carbonmark/action-result";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    const email = String(form.get("email") ?? "");
    const result = await callAction(() => requestPasswordResetAction({ email }));
    setFields(actionFieldErrors(result));
    if (!result?.data) return setError(result?.validationErrors ? undefined : actionErrorMessage(result));
    setError(undefined);
    setSentTo(email.trim());
  }

  if (sentTo)
    return (
      <Alert tone="success" title="Check your mail">
        If an account uses {sentTo}, we sent it a link to set a new password. The link works once, for 30 minutes.
      </Alert>
    );
  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
      <Button type="submit" isLoading={isPending}>
        Send the link
      </Button>
    </Form>
  );
}
