"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CreditPicker, type TPickableCredit } from "@/components/carbonmark/credit-picker";
import { NothingToExport } from "@/components/carbonmark/nothing-to-export";
import { walletConsentFrom } from "@/app/(carbonmark)/_passkeys/wallet-consent-from";
import { PasskeyInstead } from "@/components/carbonmark/passkey-instead";
import { PinField } from "@/components/carbonmark/pin-field";
import { QuantityField } from "@/components/carbonmark/quantity-field";
import { quantityProblem } from "@/components/carbonmark/quantity-problem";
import { SmallAmountWarning } from "@/components/carbonmark/small-amount-warning";
import { useRefreshFigures } from "@/components/carbonmark/use-refresh-figures";
import { Address } from "@/components/ui/address";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Form } from "@/components/ui/form-fields";
import { formatAmount } from "@/lib/amount-format";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import type { TExportDestination } from "@/lib/carbonmark/exports/get-export-destination";
import type { TPasskeyConfirmState } from "@/lib/carbonmark/passkeys/passkey-copy";
import { sendExportAction } from "./actions";

type TDone = { amount: string; txHash: string | null; inventoryUrl: string };

export function ExportForm({
  credits,
  destination,
  inventoryUrl,
  lockedUntil,
  passkeyState = "none",
}: {
  credits: TPickableCredit[];
  destination: TExportDestination;
  inventoryUrl: string;
  lockedUntil?: string;
  passkeyState?: TPasskeyConfirmState;
}) {
  const router = useRouter();
  const refreshFigures = useRefreshFigures();
  const [creditId, setCreditId] = useState<string>();
  const [quantity, setQuantity] = useState("");
  const [isSubmitted, setSubmitted] = useState(false);
  const [isPinOpen, setPinOpen] = useState(false);
  const [pinError, setPinError] = useState<string>();
  const [passkeyError, setPasskeyError] = useState<string>();
  const [isPending, setPending] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<TDone>();

  const selected = credits.find((c) => c.creditId === creditId);
  const problem = quantityProblem(quantity, selected?.available);

  async function confirm(form: FormData) {
    if (!selected) return;
    setPinError(undefined);
    setPasskeyError(undefined);
    const consent = await walletConsentFrom(form);
    if ("passkeyError" in consent) return setPasskeyError(consent.passkeyError);
    const result = await callAction(() =>
      sendExportAction({
        creditId: selected.creditId,
        quantity: quantity.trim(),
        idempotencyKey,
        destinationAddress: destination.address,
        ...consent.consent,
      }),
    );
    if (result?.data?.ok) {
      setPinOpen(false);
      setDone({ amount: result.data.amount, txHash: result.data.txHash, inventoryUrl: result.data.inventoryUrl });
      refreshFigures(); // the amounts behind the dialog drop now, not after a reload
      return;
    }
    const fields = actionFieldErrors(result);
    (consent.isPasskey ? setPasskeyError : setPinError)(
      result?.data && !result.data.ok
        ? result.data.message
        : (fields.pin ?? fields.quantity ?? actionErrorMessage(result)),
    );
    if (result?.data && !result.data.ok) setIdempotencyKey(crypto.randomUUID());
    if (/locked until/.test(result?.serverError ?? "")) router.refresh();
  }

  if (credits.length === 0 && !done) {
    return <NothingToExport />;
  }

  return (
    <>
      <Card title="ICR credits in your Carbonmark wallet">
        <CreditPicker credits={credits} selected={creditId} onSelect={setCreditId} availableLabel="In your wallet" />
      </Card>
      <Card>
        <Form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (!problem && selected) setPinOpen(true);
          }}
        >
          {isSubmitted && !selected && <Alert tone="danger">Select an asset to export.</Alert>}
          <p className="text-sm text-slate-700">
            Destination: <strong data-testid="destination-org">{destination.organizationName}</strong> on ICR
          </p>
          <QuantityField
            value={quantity}
            onChange={setQuantity}
            available={selected?.available}
            error={selected && (isSubmitted || quantity) ? problem : undefined}
          />
          <SmallAmountWarning address={destination.address} direction="export" />
          <div>
            <Button type="submit" disabled={!!lockedUntil}>
              Transfer credits
            </Button>
          </div>
        </Form>
      </Card>

      <Dialog open={isPinOpen} onOpenChange={setPinOpen} isBusy={isPending} title="Confirm with your PIN">
        <Form action={confirm} onPendingChange={setPending} className="flex flex-col gap-4 text-sm" noValidate>
          <Alert tone="danger" title="This transaction is irreversible.">
            Ensure you are connected to the correct ICR account before issuing a credit transfer. When in doubt,
            transfer a small amount of credits first to confirm the connection. The smallest amount you can send is
            0.001 credits.
          </Alert>
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2">
            <dt className="text-slate-500">Amount</dt>
            <dd className="font-semibold">
              {selected
                ? `${formatAmount(quantity.trim() || "0")} × ${selected.projectName} (${selected.vintage})`
                : ""}
            </dd>
            <dt className="text-slate-500">To organization</dt>
            <dd className="font-semibold" data-testid="pin-dialog-org">
              {destination.organizationName}
            </dd>
          </dl>
          <div className="flex flex-col gap-1">
            <span className="text-slate-500">Destination address (check every character)</span>
            <span data-testid="pin-dialog-address">
              <Address value={destination.address} highlight className="inline-block text-[13px]" />
            </span>
          </div>
          <PinField label="PIN" name="pin" error={pinError} autoFocus isResettable />
          <div className="flex gap-3">
            <Button type="submit" variant="danger" isLoading={isPending}>
              Confirm transfer
            </Button>
            <Button type="button" variant="secondary" onClick={() => setPinOpen(false)}>
              Cancel
            </Button>
          </div>
          <PasskeyInstead state={passkeyState} error={passkeyError} />
        </Form>
      </Dialog>

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
        title="Credits transferred"
      >
        <div className="flex flex-col gap-4 text-sm">
          <p>
            {done ? formatAmount(done.amount) : ""} credits were sent to {destination.organizationName} on ICR.
          </p>
          {done?.txHash && (
            <p>
              Transaction <code className="break-all font-mono text-xs">{done.txHash}</code>
            </p>
          )}
          <a
            className="font-semibold text-icr underline"
            href={done?.inventoryUrl ?? inventoryUrl}
            target="_blank"
            rel="noreferrer"
          >
            View the credits in your organization&apos;s ICR inventory
          </a>
          <a className="underline" href="/activity">
            See it in your activity
          </a>
          <a className={buttonClass("primary")} href="/portfolio">
            Back to portfolio
          </a>
        </div>
      </Dialog>
    </>
  );
}
