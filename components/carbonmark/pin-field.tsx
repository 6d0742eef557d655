import { Field } from "@/components/ui/field";

/**
 * A 6-digit PIN input: numeric keyboard, no password autofill, "6 digits" read out with the label,
 * errors announced (role=alert) and tied to the field (aria-describedby). `autoFocus` also works
 * when the form becomes ready after hydration (data-autofocus, see FormFields).
 */
export function PinField({ label, name, error, autoFocus, hint = /digits/.test(label) ? undefined : "6 digits" }: { label: string; name: string; error?: string; autoFocus?: boolean; hint?: string }) {
  return (
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
}
