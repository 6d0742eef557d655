"use client";

import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { actionErrorMessage } from "@/lib/registry/web/action-error-message";
import { revokeOrgTokenAction } from "./actions";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { execute, result, isPending, hasErrored } = useAction(revokeOrgTokenAction);
  const error = actionErrorMessage(result, hasErrored);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" isLoading={isPending} aria-label={`Revoke ${name}`} onClick={() => execute({ tokenId })}>
        Revoke
      </Button>
      {error && <p role="alert" className="text-xs text-red-600">{error}</p>}
    </div>
  );
}
