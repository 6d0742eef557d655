"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { uninstallAppAction } from "./actions";

export function UninstallButton({
  installationId,
  appName,
  organizationName,
}: {
  installationId: string;
  appName: string;
  organizationName: string;
}) {
  const [open, setOpen] = useState(false);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function uninstall() {
    setPending(true);
    setError(undefined);
    const result = await callAction(() => uninstallAppAction({ installationId }));
    setPending(false);
    if (!result?.data) return setError(actionErrorMessage(result));
    setOpen(false);
  }
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Uninstall
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        isBusy={isPending}
        title={`Uninstall ${appName}?`}
        description={`${appName} loses access to ${organizationName} at once.`}
      >
        <div className="flex flex-col gap-4">
          <ul className="list-disc pl-5 text-sm text-slate-700">
            <li>Every access token {appName} holds for this organization is revoked.</li>
            <li>{appName} is told by a webhook that it was uninstalled.</li>
            <li>Requests it already made stay in your inventory for you to accept or decline.</li>
          </ul>
          {error && <Alert tone="danger">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button variant="danger" isLoading={isPending} onClick={() => void uninstall()}>
              Uninstall {appName}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
