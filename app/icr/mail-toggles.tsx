"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Switch } from "@/components/ui/switch";
import { ICR_MAIL_KINDS, ICR_MAIL_KIND_NAMES, type TIcrMailKind } from "@/lib/registry/mail/mail-kinds";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { setIcrMailPreferenceAction } from "./actions";

export function MailToggles({ initial }: { initial: Record<TIcrMailKind, boolean> }) {
  const [prefs, setPrefs] = useState(initial);
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function change(kind: TIcrMailKind, isEnabled: boolean) {
    setPending(true);
    setError(undefined);
    setPrefs((p) => ({ ...p, [kind]: isEnabled }));
    const result = await callAction(() => setIcrMailPreferenceAction({ kind, isEnabled }));
    setPending(false);
    if (result?.data) return;
    setPrefs((p) => ({ ...p, [kind]: !isEnabled }));
    setError(actionErrorMessage(result) ?? "Your choice was not saved.");
  }

  return (
    <div className="divide-y divide-slate-100">
      {error && <Alert tone="danger">{error}</Alert>}
      {ICR_MAIL_KIND_NAMES.map((kind) => (
        <Switch
          key={kind}
          tone="icr"
          label={ICR_MAIL_KINDS[kind].label}
          help={ICR_MAIL_KINDS[kind].help}
          isOn={prefs[kind]}
          isDisabled={isPending}
          onChange={(isEnabled) => void change(kind, isEnabled)}
        />
      ))}
    </div>
  );
}
