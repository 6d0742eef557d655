"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { disconnectIcrAction } from "@/app/(carbonmark)/connect/icr/actions";

export function DisconnectButton({ organizationName }: { organizationName: string }) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Disconnect
      </Button>
      {error && (
        <Alert tone="danger" className="w-full">
          {error}
        </Alert>
      )}
      <Dialog open={isOpen} onOpenChange={setOpen} isBusy={isPending} title={`Disconnect from ${organizationName}?`}>
        <div className="flex flex-col gap-4 text-sm">
          <p>
            Carbonmark will forget this organization and its access. Credits already in your wallet stay there. To
            remove the app from the organization, uninstall it on ICR.
          </p>
          <div className="flex gap-3">
            <Button
              variant="danger"
              isLoading={isPending}
              onClick={async () => {
                setPending(true);
                setError(undefined);
                const result = await callAction(() => disconnectIcrAction({}));
                setPending(false);
                setOpen(false);
                if (!result?.data) return setError(actionErrorMessage(result) ?? "Carbonmark could not disconnect.");
                // The page then shows "Not connected" with this status where the button was.
                router.replace("/settings/connection?disconnected=1");
              }}
            >
              Disconnect
            </Button>
            {/* Focus starts on Cancel: Enter alone must not disconnect. */}
            <Button variant="secondary" onClick={() => setOpen(false)} data-autofocus>
              Cancel
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
