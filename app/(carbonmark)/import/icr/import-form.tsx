"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CreditPicker, type TPickableCredit } from "@/components/carbonmark/credit-picker";
import { QuantityField } from "@/components/carbonmark/quantity-field";
import { quantityProblem } from "@/components/carbonmark/quantity-problem";
import { SmallAmountWarning } from "@/components/carbonmark/small-amount-warning";
import { useRefreshFigures } from "@/components/carbonmark/use-refresh-figures";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { formatAmount } from "@/lib/amount-format";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { requestImportAction } from "./actions";

export function ImportForm({
  credits,
  walletAddress,
  inventoryUrl,
}: {
  credits: TPickableCredit[];
  walletAddress: string;
  inventoryUrl: string;
}) {
  const router = useRouter();
  const refreshFigures = useRefreshFigures();
  const [creditId, setCreditId] = useState<string>();
  const [quantity, setQuantity] = useState("");
  const [isSubmitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  // One key per intended request: a double click or a retry reuses it, so ICR gets one request.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<{ amount: string; inventoryUrl: string; retireFor: string | null }>();
  const [retireOnArrival, setRetireOnArrival] = useState(false);
  const [beneficiary, setBeneficiary] = useState("");
  const [reason, setReason] = useState("");
  const [comment, setComment] = useState("");
  const [retirementErrors, setRetirementErrors] = useState<Record<string, string>>({});

  const selected = credits.find((c) => c.creditId === creditId);
  const problem = quantityProblem(quantity, selected?.available);
  const shownProblem = isSubmitted || quantity ? problem : undefined;

  async function submit() {
    setSubmitted(true);
    if (problem || !selected || isPending) return;
    setPending(true);
    setError(undefined);
    setRetirementErrors({});
    const retirement = retireOnArrival ? { beneficiary, reason, comment } : undefined;
    const result = await callAction(() =>
      requestImportAction({ creditId: selected.creditId, quantity: quantity.trim(), idempotencyKey, retirement }),
    );
    setPending(false);
    if (result?.data?.ok) {
      setDone({ amount: result.data.amount, inventoryUrl: result.data.inventoryUrl, retireFor: result.data.retireFor });
      refreshFigures(); // the amounts behind the dialog drop now, not after a reload
      return;
    }
    const fields = actionFieldErrors(result);
    const nested = actionFieldErrors({
      validationErrors: result?.validationErrors?.retirement as Record<string, unknown> | undefined,
    });
    setRetirementErrors(nested);
    const message =
      result?.data && !result.data.ok
        ? result.data.message
        : (fields.quantity ??
          fields.creditId ??
          (Object.keys(nested).length ? "Check the retirement details." : actionErrorMessage(result)));
    setError(message);
    // A refused request is finished; the next attempt is a new request.
    setIdempotencyKey(crypto.randomUUID());
  }

  if (credits.length === 0 && !done) {
    return (
      <Alert tone="info" title="No credits available">
        Your ICR organization has no credits that can be requested right now.{" "}
        <a className="underline" href={inventoryUrl}>
          Open your ICR inventory
        </a>
        .
      </Alert>
    );
  }

  return (
    <>
      <Card title="Your organization's ICR credits">
        <CreditPicker credits={credits} selected={creditId} onSelect={setCreditId} availableLabel="Available" />
      </Card>
      <Card>
        <Form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {isSubmitted && !selected && <Alert tone="danger">Select an asset to import.</Alert>}
          <QuantityField
            value={quantity}
            onChange={setQuantity}
            available={selected?.available}
            error={selected ? shownProblem : undefined}
          />
          <SmallAmountWarning address={walletAddress} direction="import" />
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              name="retireOnArrival"
              checked={retireOnArrival}
              onChange={(e) => setRetireOnArrival(e.target.checked)}
            />
            <span>Retire these credits on arrival instead of keeping them</span>
          </label>
          {retireOnArrival && (
            <div className="flex flex-col gap-4 border-l-2 border-slate-200 pl-4">
              <Field
                label="Beneficiary name"
                name="beneficiary"
                autoComplete="off"
                maxLength={200}
                value={beneficiary}
                onChange={(e) => setBeneficiary(e.target.value)}
                hint="Shown on the retirement certificate. Up to 200 characters."
                error={retirementErrors.beneficiary}
              />
              <Field
                label="Reason (optional)"
                name="reason"
                autoComplete="off"
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={retirementErrors.reason}
              />
              <Field
                label="Comment (optional)"
                name="comment"
                autoComplete="off"
                maxLength={1000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                error={retirementErrors.comment}
              />
              <p className="text-xs text-slate-600">
                Retiring is irreversible: once an administrator accepts, ICR retires the credits in the
                beneficiary&apos;s name and issues a certificate.
              </p>
            </div>
          )}
          {error && <Alert tone="danger">{error}</Alert>}
          <div>
            <Button type="submit" isLoading={isPending}>
              {retireOnArrival ? "Transfer and retire credits" : "Transfer credits"}
            </Button>
          </div>
        </Form>
      </Card>
      <Dialog
        open={!!done}
        onOpenChange={(open) => {
          if (open) return;
          setDone(undefined);
          setQuantity("");
          setSubmitted(false);
          setRetireOnArrival(false);
          setBeneficiary("");
          setReason("");
          setComment("");
          setIdempotencyKey(crypto.randomUUID());
          router.refresh();
        }}
        title={done?.retireFor ? "Transfer and retirement requested" : "Transfer requested"}
      >
        <div className="flex flex-col gap-4 text-sm">
          {done?.retireFor ? (
            <p>
              The transfer of {formatAmount(done.amount)} credits, retired on arrival for {done.retireFor}, was
              requested successfully. An administrator of your ICR organization must now accept it in the
              organization&apos;s inventory; ICR then retires the credits and issues the certificate.
            </p>
          ) : (
            <p>
              The transfer of {done ? formatAmount(done.amount) : ""} credits was requested successfully. An
              administrator of your ICR organization must now accept it in the organization&apos;s inventory; the
              credits then arrive in your portfolio.
            </p>
          )}
          <a className="font-semibold text-icr underline" href={done?.inventoryUrl} target="_blank" rel="noreferrer">
            Open your organization&apos;s ICR inventory
          </a>
          <div className="flex gap-3">
            <a className={buttonClass("primary")} href="/portfolio">
              Go to portfolio
            </a>
          </div>
        </div>
      </Dialog>
    </>
  );
}
