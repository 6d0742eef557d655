"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<{ email: string; wasFrozen: boolean }>();
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    const result = await callAction(() =>
      resetPasswordAction({ token, newPassword: String(form.get("newPassword") ?? "") }),
    );
    setFields(actionFieldErrors(result));
    if (!result?.data) return setError(result?.validationErrors ? undefined : actionErrorMessage(result));
    setError(undefined);
    setDone(result.data);
  }

  if (done)
    return (
      <Alert tone="success" title="Your password is set">
        {done.wasFrozen ? "The freeze is lifted. " : ""}Every browser was signed out.{" "}
        <a className="font-semibold underline" href="/sign-in">
          Sign in as {done.email}
        </a>
        {done.wasFrozen ? ", then check your PIN: if someone reset it, reset it again under Settings." : "."}
      </Alert>
    );
  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
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
        Set the new password
      </Button>
    </Form>
  );
}
