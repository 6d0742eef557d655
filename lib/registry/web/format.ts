// Formatting for the ICR pages: one place, one locale, UTC so server and browser agree.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatDateTime = (d: Date | string) => `${DATE_TIME.format(new Date(d))} UTC`;
export const formatDate = (d: Date | string) => DATE.format(new Date(d));

/** A decimal string with thousands separators, its decimals kept exactly (no float). */
export function formatAmount(value: string): string {
  const [int = "0", frac] = value.split(".");
  const negative = int.startsWith("-");
  const digits = negative ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = frac?.replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}
