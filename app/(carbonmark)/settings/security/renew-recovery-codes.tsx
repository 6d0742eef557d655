"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { answerPasskeyChallenge } from "@/app/(carbonmark)/_passkeys/ask-passkey";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { renewRecoveryCodesAction } from "./actions";
import { RecoveryCodesList } from "./recovery-codes-list";

/** "Make new codes": confirmed with a passkey; the old codes stop working; the new ones are shown once. */
export function RenewRecoveryCodes() {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [codes, setCodes] = useState<string[]>();

  async function renew() {
    setError(undefined);
    const answer = await answerPasskeyChallenge("confirm");
    if ("error" in answer) return setError(answer.error);
    const result = await callAction(() => renewRecoveryCodesAction({ passkey: answer }));
    if (!result?.data) return setError(actionErrorMessage(result));
    setCodes(result.data.recoveryCodes);
  }

  const close = () => {
    setOpen(false);
    if (codes) {
      setCodes(undefined);
      router.refresh();
    }
  };

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Make new codes
      </Button>
      <Dialog
        open={isOpen}
        onOpenChange={(open) => !open && close()}
        isBusy={isPending}
        title={codes ? "Your new recovery codes" : "Make new recovery codes?"}
      >
        {codes ? (
          <div className="flex flex-col gap-4">
            <RecoveryCodesList codes={codes} />
            <div>
              <Button onClick={close}>I have saved my codes</Button>
            </div>
          </div>
        ) : (
          <Form action={renew} onPendingChange={setPending} className="flex flex-col gap-4 text-sm">
            <p>
              Ten new codes replace all of your current ones: the old codes stop working at once. Confirm with one of
              your passkeys.
            </p>
            {error && <Alert tone="danger">{error}</Alert>}
            <div className="flex flex-wrap gap-3">
              <Button type="submit">Confirm with a passkey</Button>
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
            </div>
          </Form>
        )}
      </Dialog>
    </>
  );
}
