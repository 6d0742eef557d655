"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { cancelImportAction } from "./cancel-import-actions";

/** Cancels an import that is still waiting for approval on ICR; `onCancelled` reads the portfolio again, which then shows "Cancelled". */
export function CancelImportButton({
  importId,
  onCancelled,
}: {
  importId: string;
  onCancelled: () => Promise<unknown> | void;
}) {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <span className="flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="secondary"
        className="px-3 py-1 text-xs"
        isLoading={isPending}
        onClick={async () => {
          setPending(true);
          setError(undefined);
          const result = await callAction(() => cancelImportAction({ importId }));
          if (!result?.data) setError(actionErrorMessage(result));
          await onCancelled();
          setPending(false);
        }}
      >
        Cancel request
      </Button>
      {error && (
        <span role="alert" className="max-w-xs text-right text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
