"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { CONSENT_WAIT_LIMIT_MS } from "@/lib/carbonmark/connection/consent-wait";
import { confirmIcrInstallAction } from "../actions";
import { ConnectOutcome, type TConnectOutcome } from "./connect-outcome";

/**
 * ICR sent the browser back before its signed `installed` webhook reached Carbonmark: keep asking
 * (each call waits a few seconds on the server) until it has, or give up with a clear message.
 */
export function WaitForConsent({ state, installationId }: { state: string; installationId: string }) {
  const [outcome, setOutcome] = useState<TConnectOutcome | null>(null);
  useEffect(() => {
    let stopped = false;
    const until = Date.now() + CONSENT_WAIT_LIMIT_MS;
    void (async () => {
      while (!stopped) {
        const result = await callAction(() => confirmIcrInstallAction({ state, installationId }));
        if (stopped) return;
        const data = result?.data;
        if (data?.status === "connected")
          return setOutcome({ ok: true, organizationName: data.organizationName, returnTo: data.returnTo });
        if (result && !data) return setOutcome({ ok: false, message: actionErrorMessage(result) ?? "Not connected." });
        if (Date.now() > until) {
          return setOutcome({
            ok: false,
            message:
              "ICR has not confirmed the installation, so nothing was connected. Start again with CONNECT TO ICR; if this keeps happening, ICR cannot reach Carbonmark right now.",
          });
        }
        if (!result) await new Promise((r) => setTimeout(r, 2_000)); // no answer: do not hammer the server
      }
    })();
    return () => {
      stopped = true;
    };
  }, [state, installationId]);

  if (outcome) return <ConnectOutcome outcome={outcome} />;
  return (
    <div data-testid="waiting-for-icr" aria-busy="true">
      <Alert tone="info" title="Waiting for ICR to confirm…">
        ICR sent you back before it told Carbonmark that an admin of your organization installed the app. This usually
        takes a few seconds; the page continues by itself.
      </Alert>
    </div>
  );
}
