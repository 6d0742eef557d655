import { Field } from "@/components/ui/field";

/** A 6-digit PIN input: numeric keyboard, no autofill of passwords. */
export function PinField({ label, name, error, autoFocus }: { label: string; name: string; error?: string; autoFocus?: boolean }) {
  return <Field label={label} name={name} type="password" inputMode="numeric" autoComplete="off" maxLength={6} pattern="\d{6}" placeholder="••••••" error={error} autoFocus={autoFocus} />;
}
