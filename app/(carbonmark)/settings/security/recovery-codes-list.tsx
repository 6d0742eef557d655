import { CopyButton } from "@/components/carbonmark/copy-button";
import { Alert } from "@/components/ui/alert";

/** The recovery codes, shown once (after the first passkey, or when new ones are made), with what they are for. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <div className="flex flex-col gap-4 text-sm">
      <Alert tone="warning" title="Save these codes now: they are shown only this once.">
        If you lose every passkey, sign in with your password and one of these codes instead of a passkey. Each code
        works once. Keep them somewhere safe that is not this device, such as a password manager or a printed sheet.
      </Alert>
      <ol
        className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 font-mono text-base tracking-wide min-[400px]:grid-cols-2"
        data-testid="recovery-codes"
        aria-label="Recovery codes"
      >
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div>
        <CopyButton value={codes.join("\n")} label="Copy all codes" />
      </div>
    </div>
  );
}
