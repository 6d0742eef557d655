"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PinField } from "@/components/carbonmark/pin-field";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/carbonmark/action-result";
import { finishRetirementAction } from "../../retire/actions";

/** "Awaiting certificate" (or stuck on chain): finish with the PIN, since the key is only under the PIN. */
export function FinishRetirementForm({
  retirementId,
  stage,
}: {
  retirementId: string;
  stage: "awaiting_certificate" | "retiring";
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function submit(form: FormData) {
    setError(undefined);
    const result = await callAction(() => finishRetirementAction({ retirementId, pin: String(form.get("pin") ?? "") }));
    if (result?.data) {
      if (result.data.stage !== "certified" && result.data.lastError) setError(result.data.lastError);
      router.refresh();
      return;
    }
    setError(actionFieldErrors(result).pin ?? actionErrorMessage(result));
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
      </Form>
    </Card>
  );
}
