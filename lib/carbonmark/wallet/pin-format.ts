// PIN lock-out times as people read them, without zod (used by client components); `pin.ts` re-exports them.
import { formatDateTime } from "@/lib/carbonmark/format-date-time";

/** "14:05 UTC" style for lock-out messages (a lock lasts minutes). */
export function formatLockTime(until: Date): string {
  return `${until.toISOString().slice(11, 16)} UTC`;
}

/** "2 Jan 2030, 14:05 UTC", as every date on the pages: holds last a day, so the date is part of it. */
export function formatHoldTime(until: Date): string {
  return formatDateTime(until);
}
