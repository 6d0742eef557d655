"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string>();
  const { action, fields, error, isPending, setPending } = useActionForm(async (form) => {
    const email = String(form.get("email") ?? "");
    const result = await requestPasswordResetAction({ email });
    if (result?.data) setSentTo(email.trim());
    return result;
  });

  if (sentTo)
    return (
      <Alert tone="success" title="Check your mail">
        If an account uses {sentTo}, we sent it a link to set a new password. The link works once, for 30 minutes.
      </Alert>
    );
  return (
    <Form action={action} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
      <Button type="submit" isLoading={isPending}>
        Send the link
      </Button>
    </Form>
  );
}
