"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/carbonmark/action-result";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [isChanged, setChanged] = useState(false);
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    setChanged(false);
    const result = await callAction(() =>
      changePasswordAction({
        currentPassword: String(form.get("currentPassword") ?? ""),
        newPassword: String(form.get("newPassword") ?? ""),
      }),
    );
    setFields(actionFieldErrors(result));
    if (!result?.data) return setError(result?.validationErrors ? undefined : actionErrorMessage(result));
    setError(undefined);
    setChanged(true);
  }

  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      {isChanged && <Alert tone="success">Your password was changed. Every other browser was signed out.</Alert>}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fields.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        required
        error={fields.newPassword}
      />
      <Button type="submit" isLoading={isPending}>
        Change password
      </Button>
    </Form>
  );
}
