"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { actionErrorMessage, callAction } from "@/lib/carbonmark/action-result";
import { disconnectIcrAction } from "@/app/(carbonmark)/connect/icr/actions";

export function DisconnectButton({ organizationName }: { organizationName: string }) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [isPending, setPending] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Disconnect
      </Button>
      <Dialog open={isOpen} onOpenChange={setOpen} title={`Disconnect from ${organizationName}?`}>
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
                const result = await callAction(() => disconnectIcrAction({}));
                setPending(false);
                setOpen(false);
                if (!result?.data) return void toast.error(actionErrorMessage(result));
                toast.success("Disconnected from ICR.");
                router.refresh();
              }}
            >
              Disconnect
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
