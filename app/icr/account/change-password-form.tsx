"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { changePasswordAction } from "@/app/icr/account/actions";

export function ChangePasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const { action, fields, error, data, isPending, setPending } = useActionForm((form) =>
    changePasswordAction({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    }),
  );
  const endedSessions = data?.endedSessions;

  if (endedSessions !== undefined) {
    return (
      <Alert tone="success" title="Your password was changed">
        {endedSessions === 0
          ? "You were not signed in anywhere else."
          : `${endedSessions} other session${endedSessions === 1 ? " was" : "s were"} ended; this browser stays signed in.`}{" "}
        We mailed a notice to <span className="break-words font-medium">{email}</span>.
      </Alert>
    );
  }
  return (
    <Form action={action} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={fields.currentPassword}
        required
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minLength} characters.`}
        error={fields.newPassword}
        required
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fields.confirmPassword}
        required
      />
      <Button type="submit" variant="icr" isLoading={isPending} className="self-start">
        Change password
      </Button>
    </Form>
  );
}
