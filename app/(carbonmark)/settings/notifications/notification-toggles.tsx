"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Switch } from "@/components/ui/switch";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { CM_MAIL_KINDS, CM_MAIL_KIND_NAMES, type TCmMailKind } from "@/lib/carbonmark/mail/mail-kinds";
import { setMailPreferenceAction } from "./actions";

export function NotificationToggles({ initial }: { initial: Record<TCmMailKind, boolean> }) {
  const [prefs, setPrefs] = useState(initial);
  const [saving, setSaving] = useState<TCmMailKind>();
  // What the last change did, shown under its switch (role=status, or role=alert when not saved).
  const [status, setStatus] = useState<{ kind: TCmMailKind; tone: "success" | "danger"; message: string }>();

  async function change(kind: TCmMailKind, isEnabled: boolean) {
    setSaving(kind);
    setStatus(undefined);
    setPrefs((p) => ({ ...p, [kind]: isEnabled }));
    const result = await callAction(() => setMailPreferenceAction({ kind, isEnabled }));
    setSaving(undefined);
    if (!result?.data) {
      setPrefs((p) => ({ ...p, [kind]: !isEnabled }));
      return setStatus({ kind, tone: "danger", message: actionErrorMessage(result) ?? "Your choice was not saved." });
    }
    setStatus({ kind, tone: "success", message: `${CM_MAIL_KINDS[kind].label}: e-mails ${isEnabled ? "on" : "off"}.` });
  }

  return (
    <div className="divide-y divide-slate-100">
      {CM_MAIL_KIND_NAMES.map((kind) => (
        <div key={kind}>
          <Switch
            label={CM_MAIL_KINDS[kind].label}
            help={CM_MAIL_KINDS[kind].help}
            isOn={prefs[kind]}
            isDisabled={saving === kind}
            onChange={(on) => void change(kind, on)}
          />
          {status?.kind === kind && (
            <Alert tone={status.tone} className="mb-3">
              {status.message}
            </Alert>
          )}
        </div>
      ))}
    </div>
  );
}
