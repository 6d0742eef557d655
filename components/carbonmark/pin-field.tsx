import { Field } from "@/components/ui/field";

export const RESET_PIN_PATH = "/settings/pin/reset";

/**
 * A 6-digit PIN input: numeric keyboard, no autofill of passwords. With `isResettable`, an error
 * (wrong PIN, lock-out) is followed by the way out for a forgotten PIN.
 */
export function PinField({ label, name, error, autoFocus, isResettable }: { label: string; name: string; error?: string; autoFocus?: boolean; isResettable?: boolean }) {
  const field = <Field label={label} name={name} type="password" inputMode="numeric" autoComplete="off" maxLength={6} pattern="\d{6}" placeholder="••••••" error={error} autoFocus={autoFocus} />;
  if (!isResettable || !error) return field;
  return (
    <div className="flex flex-col gap-1">
      {field}
      <ForgotPinLink />
    </div>
  );
}

export function ForgotPinLink() {
  return (
    <a className="text-sm font-medium text-brand underline" href={RESET_PIN_PATH}>
      Forgot your PIN? Reset it with your account password
    </a>
  );
}
