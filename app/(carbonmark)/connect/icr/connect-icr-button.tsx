"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { startIcrInstallAction } from "@/app/(carbonmark)/connect/icr/actions";

/** CONNECT TO ICR: gets a fresh install state and goes to ICR's install screen. */
export function ConnectIcrButton({
  returnTo,
  label = "Connect to ICR",
  variant = "icr",
}: {
  returnTo: "/import/icr" | "/export/icr" | "/settings/connection";
  label?: string;
  variant?: "icr" | "secondary";
}) {
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      {error && <Alert tone="danger">{error}</Alert>}
      <div>
        <Button
          variant={variant}
          isLoading={isPending}
          onClick={async () => {
            setPending(true);
            const result = await callAction(() => startIcrInstallAction({ returnTo }));
            if (result?.data?.url) return window.location.assign(result.data.url);
            setPending(false);
            setError(actionErrorMessage(result));
          }}
        >
          {label}
        </Button>
      </div>
    </div>
  );
}
