"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createPasskey } from "@/app/(carbonmark)/_passkeys/ask-passkey";
import { PinField } from "@/components/carbonmark/pin-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { PASSKEY_NAME_MAX } from "@/lib/carbonmark/passkeys/passkey-copy";
import { finishAddPasskeyAction, startAddPasskeyAction } from "./actions";
import { RecoveryCodesList } from "./recovery-codes-list";

/** "Add a passkey": name + wallet PIN → the browser makes the passkey → stored; the first one shows the recovery codes once. */
export function AddPasskey({ defaultName }: { defaultName: string }) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [isPending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [codes, setCodes] = useState<string[]>();

  async function add(form: FormData) {
    setError(undefined);
    setFields({});
    const name = String(form.get("name") ?? "");
    const started = await callAction(() => startAddPasskeyAction({ name, pin: String(form.get("pin") ?? "") }));
    if (!started?.data) {
      // Refused at the PIN check (wrong, locked, held), the answer is the PIN field's, as in the PIN dialogs.
      const invalid = actionFieldErrors(started);
      return setFields(started?.validationErrors ? invalid : { pin: actionErrorMessage(started) ?? "" });
    }
    const { challengeId, optionsJSON } = started.data;
    const made = await createPasskey(optionsJSON);
    if ("error" in made) return setError(made.error);
    const finished = await callAction(() => finishAddPasskeyAction({ challengeId, response: made.response, name }));
    if (!finished?.data) return setError(actionErrorMessage(finished));
    setOpen(false);
    if (finished.data.recoveryCodes) setCodes(finished.data.recoveryCodes);
    else router.refresh();
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Add a passkey</Button>
      <Dialog open={isOpen} onOpenChange={setOpen} isBusy={isPending} title="Add a passkey">
        <Form action={add} onPendingChange={setPending} className="flex flex-col gap-4 text-sm" noValidate>
          <p className="text-slate-600">
            A passkey can confirm transfers in place of your PIN, so adding one needs your PIN. Your browser then asks
            where to keep it: this device, your phone or a security key.
          </p>
          {error && <Alert tone="danger">{error}</Alert>}
          <Field
            label="Name"
            name="name"
            defaultValue={defaultName}
            maxLength={PASSKEY_NAME_MAX}
            autoComplete="off"
            hint="So you can tell your passkeys apart, e.g. “Work laptop” or “Phone”"
            error={fields.name}
          />
          <PinField label="Wallet PIN" name="pin" error={fields.pin} autoFocus isResettable />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" isLoading={isPending}>
              Continue
            </Button>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </Form>
      </Dialog>
      <Dialog
        open={!!codes}
        onOpenChange={(open) => {
          if (open) return;
          setCodes(undefined);
          router.refresh();
        }}
        title="Passkey added: your recovery codes"
      >
        <div className="flex flex-col gap-4">
          {codes && <RecoveryCodesList codes={codes} />}
          <div>
            <Button
              onClick={() => {
                setCodes(undefined);
                router.refresh();
              }}
            >
              I have saved my codes
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
