import type { ComponentProps, ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { IcrApiError } from "@/lib/icr/errors";
import { IcrNotConnectedError } from "@/lib/icr/token-store";
import { ConnectStep } from "./connect-step";

/**
 * What an import or export wizard shows when its call to ICR failed: the CONNECT TO ICR step again
 * when the connection is gone, an alert when ICR did not answer (`unavailable`) or refused
 * (`refused`, followed by ICR's reason). Any other error is thrown on.
 */
export function icrStepFailure(
  err: unknown,
  step: {
    title: string;
    returnTo: ComponentProps<typeof ConnectStep>["returnTo"];
    connectText: ReactNode;
    unavailable: string;
    refused: string;
    shell: (children: ReactNode) => ReactNode;
  },
): ReactNode {
  if (err instanceof IcrNotConnectedError)
    return (
      <ConnectStep title={step.title} returnTo={step.returnTo} message={err.message}>
        {step.connectText}
      </ConnectStep>
    );
  if (!(err instanceof IcrApiError)) throw err;
  return step.shell(
    <Alert tone="danger" title="ICR is not answering">
      {err.isUnavailable ? step.unavailable : `${step.refused}: ${err.message}`}
    </Alert>,
  );
}
