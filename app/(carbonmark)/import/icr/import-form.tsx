"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CreditPicker, type TPickableCredit } from "@/components/carbonmark/credit-picker";
import { quantityProblem } from "@/components/carbonmark/quantity-problem";
import { SmallAmountWarning } from "@/components/carbonmark/small-amount-warning";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { formatAmount } from "@/lib/amount";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/carbonmark/action-result";
import { requestImportAction } from "./actions";

export function ImportForm({ credits, walletAddress, inventoryUrl }: { credits: TPickableCredit[]; walletAddress: string; inventoryUrl: string }) {
  const router = useRouter();
  const [creditId, setCreditId] = useState<string>();
  const [quantity, setQuantity] = useState("");
  const [isSubmitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  // One key per intended request: a double click or a retry reuses it, so ICR gets one request.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<{ amount: string; inventoryUrl: string }>();

  const selected = credits.find((c) => c.creditId === creditId);
  const problem = quantityProblem(quantity, selected?.available);
  const shownProblem = isSubmitted || quantity ? problem : undefined;

  async function submit() {
    setSubmitted(true);
    if (problem || !selected || isPending) return;
    setPending(true);
    setError(undefined);
    const result = await callAction(() => requestImportAction({ creditId: selected.creditId, quantity: quantity.trim(), idempotencyKey }));
    setPending(false);
    if (result?.data?.ok) {
      setDone({ amount: result.data.amount, inventoryUrl: result.data.inventoryUrl });
      return;
    }
    const fields = actionFieldErrors(result);
    setError(result?.data && !result.data.ok ? result.data.message : (fields.quantity ?? fields.creditId ?? actionErrorMessage(result)));
    // A refused request is finished; the next attempt is a new request.
    setIdempotencyKey(crypto.randomUUID());
  }

  if (credits.length === 0) {
    return (
      <Alert tone="info" title="No credits available">
        Your ICR organization has no credits that can be requested right now. <a className="underline" href={inventoryUrl}>Open your ICR inventory</a>.
      </Alert>
    );
  }

  return (
    <>
      <Card title="Your organization's ICR credits">
        <CreditPicker credits={credits} selected={creditId} onSelect={setCreditId} availableLabel="Available" />
      </Card>
      <Card>
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {isSubmitted && !selected && <Alert tone="danger">Select an asset to import.</Alert>}
          <Field
            label="Quantity"
            name="quantity"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.001"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            hint={selected ? `Up to ${formatAmount(selected.available)} credits, at most 3 decimals` : "Select an asset above"}
            error={selected ? shownProblem : undefined}
          />
          <SmallAmountWarning address={walletAddress} direction="import" />
          {error && <Alert tone="danger">{error}</Alert>}
          <div>
            <Button type="submit" isLoading={isPending}>Transfer credits</Button>
          </div>
        </form>
      </Card>
      <Dialog
        open={!!done}
        onOpenChange={(open) => {
          if (open) return;
          setDone(undefined);
          setQuantity("");
          setSubmitted(false);
          setIdempotencyKey(crypto.randomUUID());
          router.refresh();
        }}
        title="Transfer requested"
      >
        <div className="flex flex-col gap-4 text-sm">
          <p>
            The transfer of {done ? formatAmount(done.amount) : ""} credits was requested successfully. An administrator of your ICR organization must now accept it in
            the organization&apos;s inventory; the credits then arrive in your portfolio.
          </p>
          <a className="font-semibold text-icr underline" href={done?.inventoryUrl} target="_blank" rel="noreferrer">
            Open your organization&apos;s ICR inventory
          </a>
          <div className="flex gap-3">
            <a className={buttonClass("primary")} href="/portfolio">Go to portfolio</a>
          </div>
        </div>
      </Dialog>
    </>
  );
}
