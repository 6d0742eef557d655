import { formatAmount } from "@/lib/amount-format";
import { amountProblem, compareAmounts } from "@/lib/amount-units";

/** Why the form refuses a quantity for an asset with `available` credits, or undefined. */
export function quantityProblem(quantity: string, available: string | undefined): string | undefined {
  if (available === undefined) return "Select an asset first";
  const problem = amountProblem(quantity.trim());
  if (problem) return problem;
  if (compareAmounts(quantity.trim(), available) > 0)
    return `You can transfer at most ${formatAmount(available)} of this asset`;
  return undefined;
}
