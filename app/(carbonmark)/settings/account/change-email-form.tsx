"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { requestEmailChangeAction } from "./actions";

export function ChangeEmailForm() {
  const { action, fields, error, data, isPending, setPending } = useActionForm((form) =>
    requestEmailChangeAction({
      newEmail: String(form.get("newEmail") ?? ""),
      password: String(form.get("password") ?? ""),
    }),
  );
  const sentTo = data?.sentTo;

  return (
    <Form action={action} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      {sentTo && (
        <Alert tone="success">
          We sent a link to {sentTo}. Your address changes when you open it; until then nothing changes.
        </Alert>
      )}
      <Field
        label="New e-mail address"
        name="newEmail"
        type="email"
        autoComplete="email"
        required
        error={fields.newEmail}
      />
      <Field
        label="Your password (to confirm it is you)"
        id="emailPassword"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fields.password}
      />
      <Button type="submit" variant="secondary" isLoading={isPending}>
        Send the confirmation link
      </Button>
    </Form>
  );
}
