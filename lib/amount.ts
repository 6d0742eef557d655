// Credit amounts: decimal strings at every boundary, exact integers (base units) inside.
// On chain 1 tCO₂e = 10^18 base units; requests allow at most 3 decimals (0.001 is the minimum).
import { z } from "zod";
import { amountProblem, normalizeAmount } from "@/lib/amount-units";

/** A plain positive decimal with at most 3 decimals: "1", "0.001", "12.5". No signs, exponents or spaces. */
export const ZCreditAmount = z
  .string({ error: "Enter a quantity" })
  .trim()
  .superRefine((s, ctx) => {
    const problem = amountProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((s) => normalizeAmount(s));

export {
  amountProblem,
  compareAmounts,
  CREDIT_DECIMALS,
  fromBaseUnits,
  MAX_REQUEST_DECIMALS,
  normalizeAmount,
  toBaseUnits,
} from "@/lib/amount-units";
export { formatAmount, formatTonnes } from "@/lib/amount-format";
