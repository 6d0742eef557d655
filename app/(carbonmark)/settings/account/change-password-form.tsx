"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const { action, fields, error, data, isPending, setPending } = useActionForm((form) =>
    changePasswordAction({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    }),
  );

  return (
    <Form action={action} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      {data && <Alert tone="success">Your password was changed. Every other browser was signed out.</Alert>}
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
