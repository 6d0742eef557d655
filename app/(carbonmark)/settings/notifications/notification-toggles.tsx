"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Switch } from "@/components/ui/switch";
import { actionErrorMessage, callAction } from "@/lib/carbonmark/action-result";
import { CM_MAIL_KINDS, CM_MAIL_KIND_NAMES, type TCmMailKind } from "@/lib/carbonmark/mail/mail-kinds";
import { setMailPreferenceAction } from "./actions";

export function NotificationToggles({ initial }: { initial: Record<TCmMailKind, boolean> }) {
  const [prefs, setPrefs] = useState(initial);
  const [saving, setSaving] = useState<TCmMailKind>();

  async function change(kind: TCmMailKind, isEnabled: boolean) {
    setSaving(kind);
    setPrefs((p) => ({ ...p, [kind]: isEnabled }));
    const result = await callAction(() => setMailPreferenceAction({ kind, isEnabled }));
    setSaving(undefined);
    if (!result?.data) {
      setPrefs((p) => ({ ...p, [kind]: !isEnabled }));
      return toast.error(actionErrorMessage(result) ?? "Your choice was not saved.");
    }
    toast.success(`${CM_MAIL_KINDS[kind].label}: e-mails ${isEnabled ? "on" : "off"}.`);
  }

  return (
    <div className="divide-y divide-slate-100">
      {CM_MAIL_KIND_NAMES.map((kind) => (
        <Switch
          key={kind}
          label={CM_MAIL_KINDS[kind].label}
          help={CM_MAIL_KINDS[kind].help}
          isOn={prefs[kind]}
          isDisabled={saving === kind}
          onChange={(on) => void change(kind, on)}
        />
      ))}
    </div>
  );
}
