import { Field } from "@/components/ui/field";

export const RESET_PIN_PATH = "/settings/pin/reset";

/**
 * A 6-digit PIN input: numeric keyboard, no password autofill, "6 digits" read out with the label,
 * errors announced (role=alert) and tied to the field (aria-describedby). `autoFocus` also works
 * when the form becomes ready after hydration (data-autofocus, see FormFields). With
 * `isResettable`, an error (wrong PIN, lock-out) is followed by the way out for a forgotten PIN.
 */
export function PinField({
  label,
  name,
  error,
  autoFocus,
  isResettable,
  hint = /digits/.test(label) ? undefined : "6 digits",
}: {
  label: string;
  name: string;
  error?: string;
  autoFocus?: boolean;
  isResettable?: boolean;
  hint?: string;
}) {
  const field = (
    <Field
      label={label}
      name={name}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={6}
      pattern="\d{6}"
      placeholder="••••••"
      aria-required
      hint={hint}
      error={error}
      autoFocus={autoFocus}
      data-autofocus={autoFocus || undefined}
    />
  );
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
