// Beneficiary privacy (docs/proof.md): the retiring user may keep the beneficiary's name off public
// pages, public API answers and the public certificate until a date at most 12 months ahead. Neutral:
// Carbonmark's form and the registry's finalize API apply the same limit.

export const HIDE_BENEFICIARY_MAX_MONTHS = 12;

/** The latest date a beneficiary may be hidden until, counted from `now`. */
export function latestHiddenUntil(now = new Date()): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() + HIDE_BENEFICIARY_MAX_MONTHS);
  return d;
}

/** Why `until` is not an acceptable date (completes "… until"), or undefined. */
export function hiddenUntilProblem(until: Date, now = new Date()): string | undefined {
  if (Number.isNaN(until.getTime())) return "is not a date";
  if (until.getTime() <= now.getTime()) return "must be in the future";
  if (until.getTime() > latestHiddenUntil(now).getTime())
    return `may be at most ${HIDE_BENEFICIARY_MAX_MONTHS} months ahead`;
  return undefined;
}

/** Whether the beneficiary is still hidden from the public at `now`. */
export function isBeneficiaryHidden(until: Date | null | undefined, now = new Date()): boolean {
  return !!until && until.getTime() > now.getTime();
}

/** What public pages show in place of a hidden name. */
export function hiddenBeneficiaryLabel(until: Date): string {
  return `Hidden until ${until.toISOString().slice(0, 10)}`;
}
