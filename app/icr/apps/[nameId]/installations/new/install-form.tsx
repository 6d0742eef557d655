"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { installAppAction } from "./actions";

type TOrgChoice = { id: string; fullName: string; isInstalled: boolean };

export function InstallForm({
  appName,
  nameId,
  organizations,
  redirectUri,
  state,
}: {
  appName: string;
  nameId: string;
  organizations: TOrgChoice[];
  redirectUri: string;
  state?: string;
}) {
  const [organizationId, setOrganizationId] = useState(organizations[0]?.id ?? "");
  const [redirecting, setRedirecting] = useState<{ wasAlreadyInstalled: boolean } | null>(null);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const selected = organizations.find((o) => o.id === organizationId);

  async function install() {
    setError(undefined);
    const result = await callAction(() => installAppAction({ nameId, organizationId, redirectUri, state }));
    if (!result?.data) return setError(actionErrorMessage(result));
    setRedirecting({ wasAlreadyInstalled: result.data.wasAlreadyInstalled });
    window.location.assign(result.data.redirectTo);
  }

  return (
    <Form action={install} onPendingChange={setPending} className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">Install on organization</legend>
        {organizations.map((o) => (
          <label
            key={o.id}
            className="flex cursor-pointer items-center gap-3 rounded-md border border-slate-200 px-3 py-2 has-[:checked]:border-icr has-[:checked]:bg-sky-50"
          >
            <input
              type="radio"
              name="organizationId"
              value={o.id}
              checked={o.id === organizationId}
              onChange={() => setOrganizationId(o.id)}
            />
            <span className="font-medium">{o.fullName}</span>
            {o.isInstalled && <Badge tone="success">already installed</Badge>}
          </label>
        ))}
      </fieldset>
      {selected?.isInstalled && (
        <Alert tone="info" title={`${appName} is already installed on ${selected.fullName}`}>
          Installing again is harmless: nothing changes and you are sent back to {appName}.
        </Alert>
      )}
      {error && <Alert tone="danger">{error}</Alert>}
      {redirecting && (
        <Alert tone="success">
          {redirecting.wasAlreadyInstalled ? "Already installed. " : "Installed. "}Taking you back to {appName}…
        </Alert>
      )}
      <Button type="submit" variant="icr" isLoading={isPending || redirecting !== null} disabled={!organizationId}>
        Install
      </Button>
    </Form>
  );
}
