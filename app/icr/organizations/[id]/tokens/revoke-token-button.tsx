"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { actionErrorMessage } from "@/lib/registry/web/action-error-message";
import { revokeOrgTokenAction } from "./actions";

/** Revoke in two clicks: scripts using the token stop working at once and it cannot be undone. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const { execute, result, isPending, hasErrored } = useAction(revokeOrgTokenAction);
  const error = actionErrorMessage(result, hasErrored);
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
            onClick={() => execute({ tokenId })}
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
