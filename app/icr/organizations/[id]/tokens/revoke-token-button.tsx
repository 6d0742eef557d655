"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { revokeOrgTokenAction } from "./actions";

/** Revoke in two clicks: scripts using the token stop working at once and it cannot be undone. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col items-end gap-1">
      {isConfirming ? (
        <div className="flex items-center gap-2">
          <span className="text-xs text-slate-600">Anything using it stops working.</span>
          <Button variant="ghost" className="px-3 py-1.5" onClick={() => setIsConfirming(false)}>
            Keep
          </Button>
          <Button
            variant="danger"
            className="px-3 py-1.5"
            isLoading={isPending}
            aria-label={`Confirm revoking ${name}`}
            onClick={async () => {
              setPending(true);
              setError(undefined);
              const result = await callAction(() => revokeOrgTokenAction({ tokenId }));
              setPending(false);
              if (!result?.data) setError(actionErrorMessage(result));
            }}
          >
            Revoke now
          </Button>
        </div>
      ) : (
        <Button variant="secondary" aria-label={`Revoke ${name}`} onClick={() => setIsConfirming(true)}>
          Revoke
        </Button>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
