"use client";

import { PinField } from "@/components/carbonmark/pin-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { changePinAction } from "./actions";

export function ChangePinForm() {
  const { action, fields, error, data, isPending, setPending } = useActionForm((form) =>
    changePinAction({
      currentPin: String(form.get("currentPin") ?? ""),
      newPin: String(form.get("newPin") ?? ""),
      confirmPin: String(form.get("confirmPin") ?? ""),
    }),
  );

  return (
    <Form action={action} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      {data && <Alert tone="success">Your PIN was changed.</Alert>}
      <PinField label="Current PIN" name="currentPin" error={fields.currentPin} autoFocus />
      <PinField label="New PIN" name="newPin" error={fields.newPin} />
      <PinField label="Repeat the new PIN" name="confirmPin" error={fields.confirmPin} />
      <Button type="submit" isLoading={isPending}>
        Change PIN
      </Button>
    </Form>
  );
}
