"use client";

import { useState } from "react";
import { PinField } from "@/components/carbonmark/pin-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/carbonmark/action-result";
import { changePinAction } from "./actions";

export function ChangePinForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [isChanged, setChanged] = useState(false);
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    setChanged(false);
    const result = await callAction(() =>
      changePinAction({
        currentPin: String(form.get("currentPin") ?? ""),
        newPin: String(form.get("newPin") ?? ""),
        confirmPin: String(form.get("confirmPin") ?? ""),
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
      {isChanged && <Alert tone="success">Your PIN was changed.</Alert>}
      <PinField label="Current PIN" name="currentPin" error={fields.currentPin} autoFocus />
      <PinField label="New PIN" name="newPin" error={fields.newPin} />
      <PinField label="Repeat the new PIN" name="confirmPin" error={fields.confirmPin} />
      <Button type="submit" isLoading={isPending}>
        Change PIN
      </Button>
    </Form>
  );
}
