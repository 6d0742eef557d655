"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { walletConsentFrom } from "@/app/(carbonmark)/_passkeys/wallet-consent-from";
import { PasskeyInstead } from "@/components/carbonmark/passkey-instead";
import { PinField } from "@/components/carbonmark/pin-field";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import type { TPasskeyConfirmState } from "@/lib/carbonmark/passkeys/passkey-copy";
import { finishRetirementAction } from "../../retire/actions";

/** "Awaiting certificate" (or stuck on chain): finish with the owner's consent again, the PIN or a passkey. */
export function FinishRetirementForm({
  retirementId,
  stage,
  passkeyState = "none",
}: {
  retirementId: string;
  stage: "awaiting_certificate" | "retiring";
  passkeyState?: TPasskeyConfirmState;
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [passkeyError, setPasskeyError] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function submit(form: FormData) {
    setError(undefined);
    setPasskeyError(undefined);
    const consent = await walletConsentFrom(form);
    if ("passkeyError" in consent) return setPasskeyError(consent.passkeyError);
    const result = await callAction(() => finishRetirementAction({ retirementId, ...consent.consent }));
    const show = consent.isPasskey ? setPasskeyError : setError;
    if (result?.data) {
      if (result.data.stage !== "certified" && result.data.lastError) show(result.data.lastError);
      router.refresh();
      return;
    }
    show(actionFieldErrors(result).pin ?? actionErrorMessage(result));
  }

  return (
    <Card title={stage === "retiring" ? "Finish the retirement" : "Finalize the certificate"}>
      <Form action={submit} onPendingChange={setPending} className="flex flex-col gap-4 text-sm" noValidate>
        <p className="text-slate-700">
          {stage === "retiring"
            ? "Enter your PIN to check the retirement on chain (it is never sent twice) and then finalize the certificate."
            : "Enter your PIN to sign the certificate data with your wallet and finalize it on ICR."}
        </p>
        <PinField label="PIN" name="pin" error={error} isResettable />
        <div>
          <Button type="submit" isLoading={isPending}>
            Finalize certificate
          </Button>
        </div>
        <PasskeyInstead state={passkeyState} error={passkeyError} />
      </Form>
    </Card>
  );
}
