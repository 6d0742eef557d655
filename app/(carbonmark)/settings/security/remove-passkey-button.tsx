"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { answerPasskeyChallenge } from "@/app/(carbonmark)/_passkeys/ask-passkey";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { removePasskeyAction } from "./actions";

/**
 * Removes a passkey after one of the user's passkeys (this one too) confirms, or, when they are all
 * lost, a recovery code. Two forms, so Enter in the code field sends the code.
 */
export function RemovePasskeyButton({ passkey, isLast }: { passkey: { id: string; name: string }; isLast: boolean }) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [isPasskeyPending, setPasskeyPending] = useState(false);
  const [isCodePending, setCodePending] = useState(false);
  const [error, setError] = useState<string>();
  const [codeError, setCodeError] = useState<string>();

  async function done(result: Awaited<ReturnType<typeof removePasskeyAction>> | undefined, show: (m?: string) => void) {
    if (!result?.data) return show(actionFieldErrors(result).recoveryCode ?? actionErrorMessage(result));
    setOpen(false);
    router.refresh();
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Remove ${passkey.name}`}>
        Remove
      </Button>
      <Dialog
        open={isOpen}
        onOpenChange={setOpen}
        isBusy={isPasskeyPending || isCodePending}
        title={`Remove “${passkey.name}”?`}
      >
        <div className="flex flex-col gap-4 text-sm">
          <p>
            Sign-in and transfers will no longer accept this passkey. Confirm with one of your passkeys (this one too).
          </p>
          {isLast && (
            <Alert tone="warning" title="This is your last passkey">
              Once it is removed, signing in needs only your password, your PIN can be reset with your password alone,
              and your recovery codes stop working.
            </Alert>
          )}
          <Form
            action={async () => {
              setError(undefined);
              const answer = await answerPasskeyChallenge("confirm");
              if ("error" in answer) return setError(answer.error);
              await done(
                await callAction(() =>
                  removePasskeyAction({ passkeyId: passkey.id, method: "passkey", passkey: answer }),
                ),
                setError,
              );
            }}
            onPendingChange={setPasskeyPending}
            className="flex flex-col gap-2"
          >
            {error && <Alert tone="danger">{error}</Alert>}
            <div className="flex flex-wrap gap-3">
              <Button type="submit" variant="danger">
                Confirm with a passkey and remove
              </Button>
              <Button type="button" variant="secondary" onClick={() => setOpen(false)} data-autofocus>
                Cancel
              </Button>
            </div>
          </Form>
          <details className="border-t border-slate-200 pt-3">
            <summary className="cursor-pointer font-medium text-brand">Lost your passkeys? Use a recovery code</summary>
            <Form
              action={async (form) => {
                setCodeError(undefined);
                await done(
                  await callAction(() =>
                    removePasskeyAction({
                      passkeyId: passkey.id,
                      method: "recovery_code",
                      recoveryCode: String(form.get("recoveryCode") ?? ""),
                    }),
                  ),
                  setCodeError,
                );
              }}
              onPendingChange={setCodePending}
              className="mt-3 flex flex-col gap-3"
              noValidate
            >
              <Field
                label="Recovery code"
                name="recoveryCode"
                autoComplete="off"
                spellCheck={false}
                hint="It is used up. If it is your last passkey, your other codes stop working too."
                error={codeError}
              />
              <div>
                <Button type="submit" variant="danger">
                  Remove with the recovery code
                </Button>
              </div>
            </Form>
          </details>
        </div>
      </Dialog>
    </>
  );
}
