"use client";

import { answerPasskeyChallenge } from "@/app/(carbonmark)/_passkeys/ask-passkey";
import { PinField } from "@/components/carbonmark/pin-field";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { formatDateTime } from "@/lib/format-date-time";
import { resetPinAction } from "./actions";

/** `needsPasskey`: the account has a passkey, so the reset is confirmed with one too (after the password). */
export function ResetPinForm({ needsPasskey = false }: { needsPasskey?: boolean }) {
  const { action, fields, error, data, isPending, setPending } = useActionForm(async (form) => {
    const passkey = needsPasskey ? await answerPasskeyChallenge("pin_reset") : undefined;
    if (passkey && "error" in passkey) return { serverError: passkey.error };
    return resetPinAction({
      password: String(form.get("password") ?? ""),
      newPin: String(form.get("newPin") ?? ""),
      confirmPin: String(form.get("confirmPin") ?? ""),
      passkey,
    });
  });
  const heldUntil = data?.heldUntil;

  if (heldUntil) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title="Your PIN was reset">
          Use the new PIN from now on. For your safety, exports and retirements are held until{" "}
          {formatDateTime(heldUntil)}.
        </Alert>
        <a className={buttonClass("primary")} href="/portfolio">
          Back to portfolio
        </a>
      </div>
    );
  }

  return (
    <Form action={action} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <Field
        label="Account password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={fields.password}
        autoFocus
      />
      <PinField label="New PIN" name="newPin" error={fields.newPin} />
      <PinField label="Repeat the new PIN" name="confirmPin" error={fields.confirmPin} />
      <Button type="submit" isLoading={isPending}>
        {needsPasskey ? "Confirm with a passkey and reset PIN" : "Reset PIN"}
      </Button>
    </Form>
  );
}
