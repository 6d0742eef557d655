// PIN lock-out times as people read them, without zod (used by client components); `pin.ts` re-exports them.

/** "14:05 UTC" style for lock-out messages. */
export function formatLockTime(until: Date): string {
  return `${until.toISOString().slice(11, 16)} UTC`;
}

/** "2030-01-02 14:05 UTC": holds last a day or more, so the date is part of it. */
export function formatHoldTime(until: Date): string {
  return `${until.toISOString().slice(0, 10)} ${formatLockTime(until)}`;
}
