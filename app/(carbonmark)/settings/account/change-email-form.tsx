"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/carbonmark/action-result";
import { requestEmailChangeAction } from "./actions";

export function ChangeEmailForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    setSentTo(undefined);
    const result = await callAction(() =>
      requestEmailChangeAction({
        newEmail: String(form.get("newEmail") ?? ""),
        password: String(form.get("emailPassword") ?? ""),
      }),
    );
    setFields(actionFieldErrors(result));
    if (!result?.data) return setError(result?.validationErrors ? undefined : actionErrorMessage(result));
    setError(undefined);
    setSentTo(result.data.sentTo);
  }

  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
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
        name="emailPassword"
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
