"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PinField } from "@/components/carbonmark/pin-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { setUpPinAction } from "./actions";

export function SetPinForm({ next }: { next: string }) {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    const result = await callAction(() =>
      setUpPinAction({ pin: String(form.get("pin") ?? ""), confirmPin: String(form.get("confirmPin") ?? "") }),
    );
    setFields(actionFieldErrors(result));
    if (!result?.data) return setError(result?.validationErrors ? undefined : actionErrorMessage(result));
    router.replace(next);
    router.refresh();
  }

  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <PinField label="PIN (6 digits)" name="pin" error={fields.pin} autoFocus />
      <PinField label="Repeat the PIN" name="confirmPin" error={fields.confirmPin} />
      <Button type="submit" isLoading={isPending}>
        Create wallet
      </Button>
    </Form>
  );
}
