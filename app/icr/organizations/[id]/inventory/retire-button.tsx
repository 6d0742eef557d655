"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { formatAmount } from "@/lib/amount-format";
import { amountProblem, compareAmounts } from "@/lib/amount-units";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { singleLineProblem } from "@/lib/single-line-text";
import { retireCreditsAction } from "./actions";

type TCredit = { id: string; serialization: string; projectName: string; available: string };

/** The texts printed on the certificate, with what each is called in its message. */
const TEXT_FIELDS = [
  ["beneficiaryName", "The beneficiary"],
  ["retirementReason", "The reason"],
  ["retirementComment", "The comment"],
] as const;

/** An admin retires credits straight from the inventory: quantity, beneficiary, reason, comment. */
export function RetireButton({ organizationId, credit }: { organizationId: string; credit: TCredit }) {
  const [open, setOpen] = useState(false);
  const [quantityError, setQuantityError] = useState<string>();
  const [textErrors, setTextErrors] = useState<Record<string, string>>({});
  // One key per retirement: the same form sent again (a second click, a retry) retires once; a new one after success.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [isPending, setPending] = useState(false);
  // The last answer that was not a success; undefined while none.
  const [failed, setFailed] = useState<{ result: Awaited<ReturnType<typeof retireCreditsAction>> | undefined }>();
  // A field's own message shows on the field (the form's check, else the server's); the rest above the buttons.
  const fieldErrors = { ...actionFieldErrors(failed?.result), ...textErrors };
  const hasFieldError = TEXT_FIELDS.some(([name]) => fieldErrors[name]);
  const error = !failed || hasFieldError ? undefined : actionErrorMessage(failed.result);

  async function retire(f: FormData) {
    const quantity = String(f.get("quantity") ?? "").trim();
    const problem =
      amountProblem(quantity) ??
      (compareAmounts(quantity, credit.available) > 0
        ? `Only ${formatAmount(credit.available)} is available`
        : undefined);
    const texts = Object.fromEntries(TEXT_FIELDS.map(([name]) => [name, String(f.get(name) ?? "")]));
    const textProblems = Object.fromEntries(
      TEXT_FIELDS.flatMap(([name, what]) => {
        const p = singleLineProblem(texts[name]!, what);
        return p ? [[name, p]] : [];
      }),
    );
    setQuantityError(problem);
    setTextErrors(textProblems);
    setFailed(undefined);
    if (problem || Object.keys(textProblems).length) return;
    const result = await callAction(() =>
      retireCreditsAction({
        organizationId,
        creditId: credit.id,
        quantity,
        beneficiaryName: texts.beneficiaryName!,
        retirementReason: texts.retirementReason,
        retirementComment: texts.retirementComment,
        idempotencyKey,
      }),
    );
    if (!result?.data) return setFailed({ result });
    setOpen(false);
    setIdempotencyKey(crypto.randomUUID());
  }
  const isNothingAvailable = compareAmounts(credit.available, "0.001") < 0;

  return (
    <>
      <Button
        variant="secondary"
        className="px-3 py-1.5"
        disabled={isNothingAvailable}
        onClick={() => {
          setFailed(undefined);
          setQuantityError(undefined);
          setTextErrors({});
          setOpen(true);
        }}
        aria-label={`Retire ${credit.serialization}`}
      >
        Retire
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        isBusy={isPending}
        title="Retire credits"
        description={`${credit.serialization} · ${credit.projectName} · ${formatAmount(credit.available)} available`}
      >
        <Form action={retire} onPendingChange={setPending} className="flex flex-col gap-4">
          <Field
            label="Quantity (tCO₂e)"
            name="quantity"
            inputMode="decimal"
            placeholder="e.g. 10"
            error={quantityError}
            hint="At least 0.001, at most 3 decimals."
            required
          />
          <Field
            label="Beneficiary"
            name="beneficiaryName"
            maxLength={200}
            required
            hint="Who claims the climate benefit; printed on the certificate."
            error={fieldErrors.beneficiaryName}
          />
          <Field
            label="Reason"
            name="retirementReason"
            maxLength={500}
            placeholder="e.g. Offsetting 2025 business travel"
            error={fieldErrors.retirementReason}
          />
          <Field label="Comment" name="retirementComment" maxLength={1000} error={fieldErrors.retirementComment} />
          <Alert tone="warning" title="Retiring is permanent">
            The credits are burned on chain and can never be transferred or used again. The retirement then appears in
            the public retirements list with its certificate.
          </Alert>
          {error && <Alert tone="danger">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" isLoading={isPending}>
              Retire credits
            </Button>
          </div>
        </Form>
      </Dialog>
    </>
  );
}
