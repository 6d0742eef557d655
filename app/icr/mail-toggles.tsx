"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Switch } from "@/components/ui/switch";
import { ICR_MAIL_KINDS, ICR_MAIL_KIND_NAMES, type TIcrMailKind } from "@/lib/registry/mail/mail-kinds";
import { actionErrorMessage } from "@/lib/registry/web/action-error-message";
import { setIcrMailPreferenceAction } from "./actions";

export function MailToggles({ initial }: { initial: Record<TIcrMailKind, boolean> }) {
  const [prefs, setPrefs] = useState(initial);
  const { execute, result, isPending, hasErrored } = useAction(setIcrMailPreferenceAction, {
    onError: ({ input }) => setPrefs((p) => ({ ...p, [input.kind]: !input.isEnabled })),
  });
  const error = actionErrorMessage(result, hasErrored);
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
          onChange={(isEnabled) => {
            setPrefs((p) => ({ ...p, [kind]: isEnabled }));
            execute({ kind, isEnabled });
          }}
        />
      ))}
    </div>
  );
}
