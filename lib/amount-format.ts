// Display formatting of decimal-string amounts, without zod, so client bundles that only show
// amounts stay small. `lib/amount.ts` re-exports it.

/** An amount of credits as every page, e-mail and certificate writes it: "1,250.5 tCO₂e". */
export function formatTonnes(s: string): string {
  return `${formatAmount(s)} tCO₂e`;
}

/** For display: at most `decimals` decimals, never rounded up ("1.23456" → "1.234"). */
export function formatAmount(s: string, decimals = 3): string {
  const [whole, frac = ""] = s.split(".");
  const cut = frac.slice(0, decimals).replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return cut ? `${grouped}.${cut}` : grouped;
}
