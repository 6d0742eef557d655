"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { walletConsentFrom } from "@/app/(carbonmark)/_passkeys/wallet-consent-from";
import { PasskeyInstead } from "@/components/carbonmark/passkey-instead";
import { PinField } from "@/components/carbonmark/pin-field";
import { QuantityField } from "@/components/carbonmark/quantity-field";
import { quantityProblem } from "@/components/carbonmark/quantity-problem";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { formatAmount } from "@/lib/amount-format";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import type { TPasskeyConfirmState } from "@/lib/carbonmark/passkeys/passkey-copy";
import type { THolding } from "@/lib/carbonmark/portfolio/get-holdings";
import { singleLineProblem } from "@/lib/single-line-text";
import { contactDetailsProblem } from "@/lib/contact-details-text";
import { hiddenUntilProblem, latestHiddenUntil } from "@/lib/beneficiary-privacy";
import { retireCreditsAction } from "../actions";

const BENEFICIARY_MAX = 200;

function beneficiaryProblem(s: string): string | undefined {
  if (s.trim() === "") return "Enter the beneficiary's name";
  if (s.trim().length > BENEFICIARY_MAX) return `The beneficiary's name may be at most ${BENEFICIARY_MAX} characters`;
  return textProblem(s, "The beneficiary's name");
}

/** Published and bound on chain: one line of visible text, no e-mail address or phone number (the server says the same). */
function textProblem(s: string, what: string): string | undefined {
  return singleLineProblem(s.trim(), what) ?? contactDetailsProblem(s.trim(), what);
}

function hideUntilProblem(s: string): string | undefined {
  if (!s) return undefined;
  const problem = hiddenUntilProblem(new Date(`${s}T00:00:00Z`));
  return problem && `The date to hide the beneficiary until ${problem}`;
}

export function RetireForm({
  holding,
  lockedUntil,
  passkeyState = "none",
}: {
  holding: THolding;
  lockedUntil?: string;
  passkeyState?: TPasskeyConfirmState;
}) {
  const router = useRouter();
  const [quantity, setQuantity] = useState("");
  const [beneficiary, setBeneficiary] = useState("");
  const [reason, setReason] = useState("");
  const [comment, setComment] = useState("");
  const [hideUntil, setHideUntil] = useState("");
  const [isSubmitted, setSubmitted] = useState(false);
  const [isPinOpen, setPinOpen] = useState(false);
  const [pinError, setPinError] = useState<string>();
  const [passkeyError, setPasskeyError] = useState<string>();
  const [isPending, setPending] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const qProblem = quantityProblem(quantity, holding.amount)?.replace(
    "You can transfer at most",
    "You can retire at most",
  );
  const bProblem = beneficiaryProblem(beneficiary);
  // Printed on the certificate: one line of visible text (the server refuses anything else too).
  const rProblem = textProblem(reason, "The reason");
  const cProblem = textProblem(comment, "The comment");
  const hProblem = hideUntilProblem(hideUntil);

  async function confirm(form: FormData) {
    setPinError(undefined);
    setPasskeyError(undefined);
    const consent = await walletConsentFrom(form);
    if ("passkeyError" in consent) return setPasskeyError(consent.passkeyError);
    // A dropped connection is "No answer…" here, not the error page's "nothing was changed": the
    // retirement may have gone through, and sending again with the same key is safe.
    const result = await callAction(() =>
      retireCreditsAction({
        creditId: holding.creditId,
        quantity: quantity.trim(),
        beneficiary: beneficiary.trim(),
        reason: reason.trim(),
        comment: comment.trim(),
        hideBeneficiaryUntil: hideUntil,
        idempotencyKey,
        ...consent.consent,
      }),
    );
    if (result?.data?.ok) {
      router.push(`/retirements/${result.data.id}`);
      return;
    }
    const fields = actionFieldErrors(result);
    (consent.isPasskey ? setPasskeyError : setPinError)(
      result?.data && !result.data.ok
        ? result.data.message
        : (fields.pin ??
            fields.quantity ??
            fields.beneficiary ??
            fields.reason ??
            fields.comment ??
            fields.hideBeneficiaryUntil ??
            actionErrorMessage(result)),
    );
    if (result?.data && !result.data.ok) setIdempotencyKey(crypto.randomUUID());
    if (/locked until/.test(result?.serverError ?? "")) router.refresh();
  }

  return (
    <>
      <Card title="Asset">
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-500">Project</dt>
          <dd className="font-medium">{holding.projectName}</dd>
          <dt className="text-slate-500">Vintage</dt>
          <dd>{holding.vintage}</dd>
          <dt className="text-slate-500">Serialization</dt>
          <dd className="font-mono text-xs">{holding.serialization}</dd>
          <dt className="text-slate-500">In your wallet</dt>
          <dd className="font-semibold tabular-nums" data-testid="retire-held">
            {formatAmount(holding.amount)} tCO₂e
          </dd>
        </dl>
      </Card>
      <Card>
        <Form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (!qProblem && !bProblem && !rProblem && !cProblem && !hProblem) setPinOpen(true);
          }}
        >
          <QuantityField
            value={quantity}
            onChange={setQuantity}
            available={holding.amount}
            error={isSubmitted || quantity ? qProblem : undefined}
          />
          <Field
            label="Beneficiary name"
            name="beneficiary"
            autoComplete="off"
            value={beneficiary}
            onChange={(e) => setBeneficiary(e.target.value)}
            hint="The person or organization the retirement is made for; it is printed on the certificate (up to 200 characters)"
            error={isSubmitted ? bProblem : undefined}
          />
          <Field
            label="Reason"
            name="reason"
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            hint="Optional, e.g. “Net zero 2030”"
            error={isSubmitted || reason ? rProblem : undefined}
          />
          <Field
            label="Comment"
            name="comment"
            autoComplete="off"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            hint="Optional"
            error={isSubmitted || comment ? cProblem : undefined}
          />
          <Field
            label="Hide the beneficiary's name until"
            name="hideBeneficiaryUntil"
            type="date"
            value={hideUntil}
            min={new Date().toISOString().slice(0, 10)}
            max={latestHiddenUntil().toISOString().slice(0, 10)}
            onChange={(e) => setHideUntil(e.target.value)}
            hint="Optional, at most 12 months ahead: until then public pages and the public certificate omit the name (the proof still verifies)"
            error={isSubmitted || hideUntil ? hProblem : undefined}
          />
          <div>
            <Button type="submit" variant="danger" disabled={!!lockedUntil}>
              Retire credits
            </Button>
          </div>
        </Form>
      </Card>

      <Dialog
        open={isPinOpen}
        onOpenChange={setPinOpen}
        isBusy={isPending}
        title="Confirm the retirement with your PIN"
      >
        <Form action={confirm} onPendingChange={setPending} className="flex flex-col gap-4 text-sm" noValidate>
          <Alert tone="danger" title="Retiring is irreversible.">
            The credits are burned on chain and can never be used or transferred again. A certificate is issued to the
            beneficiary.
          </Alert>
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2" data-testid="retire-summary">
            <dt className="text-slate-500">Amount</dt>
            <dd className="font-semibold">{`${formatAmount(quantity.trim() || "0")} tCO₂e × ${holding.projectName} (${holding.vintage})`}</dd>
            <dt className="text-slate-500">Serialization</dt>
            <dd className="font-mono text-xs">{holding.serialization}</dd>
            <dt className="text-slate-500">Beneficiary</dt>
            <dd className="break-words font-semibold">{beneficiary.trim()}</dd>
            {hideUntil && (
              <>
                <dt className="text-slate-500">Name public from</dt>
                <dd>{hideUntil}</dd>
              </>
            )}
            {reason.trim() && (
              <>
                <dt className="text-slate-500">Reason</dt>
                <dd className="break-words">{reason.trim()}</dd>
              </>
            )}
            {comment.trim() && (
              <>
                <dt className="text-slate-500">Comment</dt>
                <dd className="break-words">{comment.trim()}</dd>
              </>
            )}
          </dl>
          <PinField label="PIN" name="pin" error={pinError} autoFocus isResettable />
          <div className="flex gap-3">
            <Button type="submit" variant="danger" isLoading={isPending}>
              Confirm retirement
            </Button>
            <Button type="button" variant="secondary" onClick={() => setPinOpen(false)}>
              Cancel
            </Button>
          </div>
          <PasskeyInstead state={passkeyState} error={passkeyError} />
        </Form>
      </Dialog>
    </>
  );
}
