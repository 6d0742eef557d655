"use client";

import { useState } from "react";
import { Address } from "@/components/ui/address";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatAmount } from "@/lib/amount-format";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { acceptRequestAction, declineRequestAction } from "./actions";
import { WhoAsked } from "./who-asked";
import type { TRequestRow } from "@/lib/registry/web/request-row";

/** Accept (after a second confirmation that highlights the destination) and Decline, for admins. */
export function RequestDecision({ request }: { request: TRequestRow }) {
  const [dialog, setDialog] = useState<"accept" | "decline" | null>(null);
  const [pending, setPending] = useState<"accept" | "decline" | null>(null);
  const [error, setError] = useState<string>();

  async function decide(decision: "accept" | "decline") {
    setPending(decision);
    const action = decision === "accept" ? acceptRequestAction : declineRequestAction;
    const result = await callAction(() => action({ requestId: request.id }));
    setPending(null);
    if (!result?.data) return setError(actionErrorMessage(result));
    setDialog(null);
  }

  function open(decision: "accept" | "decline") {
    setError(undefined);
    setDialog(decision);
  }
  const amount = formatAmount(request.amount);
  const isRetire = request.action === "retire";

  return (
    <div className="flex gap-2">
      <Button variant="icr" className="px-3 py-1.5" onClick={() => open("accept")}>
        Accept
      </Button>
      <Button variant="secondary" className="px-3 py-1.5" onClick={() => open("decline")}>
        Decline
      </Button>

      <Dialog
        open={dialog === "accept"}
        onOpenChange={(o) => setDialog(o ? "accept" : null)}
        isBusy={pending === "accept"}
        title={isRetire ? "Accept this retirement?" : "Accept this transfer?"}
        description={`${amount} tCO₂e of ${request.serialization}${request.projectName ? ` (${request.projectName})` : ""}`}
      >
        <div className="flex flex-col gap-4">
          <WhoAsked request={request} detailed />
          {request.requestedByApp && (
            <p className="text-xs text-slate-600">If you do not recognise who asked, decline.</p>
          )}
          {request.toAddress ? (
            <>
              <div className="flex flex-col gap-2">
                <p className="text-sm text-slate-700">Once you accept, the credits will be sent to this address:</p>
                <Address value={request.toAddress} highlight className="block px-3 py-2 text-base" />
                {request.toOrganizationName && (
                  <p className="text-xs text-slate-600">The default address of {request.toOrganizationName}.</p>
                )}
                {request.action === "transfer_retire" && (
                  <p className="text-sm text-slate-700">
                    …and retired there for {request.beneficiaryName ?? "the beneficiary"}.
                  </p>
                )}
              </div>
              <Alert tone="danger" title="Credits sent to a wrong address are irretrievable">
                Double-check the highlighted address and make sure its owner controls it (for a Carbonmark import, it
                must be your Carbonmark wallet address). When in doubt, decline and request a small amount first: the
                smallest is 0.001 credits.
              </Alert>
            </>
          ) : (
            <Alert tone="warning" title="Retiring is permanent">
              The credits are burned on chain for {request.beneficiaryName ?? "the beneficiary"} and can never be used
              again.
            </Alert>
          )}
          {error && <Alert tone="danger">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Not now
            </Button>
            <Button variant="icr" isLoading={pending === "accept"} onClick={() => void decide("accept")}>
              {isRetire ? "Accept retirement" : "Accept transfer"}
            </Button>
          </div>
        </div>
      </Dialog>

      <Dialog
        open={dialog === "decline"}
        onOpenChange={(o) => setDialog(o ? "decline" : null)}
        isBusy={pending === "decline"}
        title="Decline this request?"
        description={`${amount} tCO₂e of ${request.serialization}`}
      >
        <div className="flex flex-col gap-4">
          <p className="text-sm text-slate-700">
            Nothing is sent. The reserved credits become available again
            {request.requestedByApp ? `, and ${request.requestedByApp} is told` : ""}.
          </p>
          {error && <Alert tone="danger">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Keep it
            </Button>
            <Button variant="danger" isLoading={pending === "decline"} onClick={() => void decide("decline")}>
              Decline request
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
