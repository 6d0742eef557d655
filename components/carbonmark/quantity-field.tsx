import { Field } from "@/components/ui/field";
import { formatAmount } from "@/lib/amount-format";

/** The Quantity input of the import, export and retire forms; `available` is undefined until an asset is chosen. */
export function QuantityField({
  value,
  onChange,
  available,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  available: string | undefined;
  error?: string;
}) {
  return (
    <Field
      label="Quantity"
      name="quantity"
      inputMode="decimal"
      autoComplete="off"
      placeholder="0.001"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={
        available !== undefined
          ? `Up to ${formatAmount(available)} credits, at most 3 decimals`
          : "Select an asset above"
      }
      error={error}
    />
  );
}
