// Credit amounts without zod: exact arithmetic on decimal strings and the checks a form shows, so
// client bundles (quantity fields, accept dialogs) stay small. `lib/amount.ts` re-exports all of it.
// On chain 1 tCO₂e = 10^18 base units; requests allow at most 3 decimals (0.001 is the minimum).

export const CREDIT_DECIMALS = 18;
export const MAX_REQUEST_DECIMALS = 3;
const UNIT = 10n ** BigInt(CREDIT_DECIMALS);

/** Why a quantity typed by a person is not acceptable, or undefined when it is. */
export function amountProblem(s: string): string | undefined {
  if (s === "") return "Enter a quantity";
  if (/^-\s*\d+(\.\d+)?$/.test(s)) return "The quantity must be at least 0.001"; // a negative number: say the limit, not the syntax
  if (!/^\d+(\.\d+)?$/.test(s)) return "Enter a plain number such as 12.5 (no signs, letters or exponents)";
  if ((s.split(".")[1]?.length ?? 0) > MAX_REQUEST_DECIMALS)
    return "Use at most 3 decimals (the smallest amount is 0.001)";
  if (toBaseUnits(s) === 0n) return "The quantity must be at least 0.001";
  return undefined;
}

/** "007.500" → "7.5"; exact, no floats. */
export function normalizeAmount(s: string): string {
  return fromBaseUnits(toBaseUnits(s));
}

/** Decimal string (up to 18 decimals) → base units. Throws on anything else. */
export function toBaseUnits(s: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,18}))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal amount: ${s}`);
  return BigInt(m[1]) * UNIT + BigInt((m[2] ?? "").padEnd(CREDIT_DECIMALS, "0"));
}

/** Base units → shortest exact decimal string. */
export function fromBaseUnits(units: bigint): string {
  const sign = units < 0n ? "-" : "";
  const abs = units < 0n ? -units : units;
  const whole = abs / UNIT;
  const frac = (abs % UNIT).toString().padStart(CREDIT_DECIMALS, "0").replace(/0+$/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

/** Exact comparison of two decimal strings: -1, 0 or 1. */
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  const x = toBaseUnits(a);
  const y = toBaseUnits(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
