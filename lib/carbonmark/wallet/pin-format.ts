// PIN lock-out times as people read them, without zod (used by client components); `pin.ts` re-exports them.
/** "14:05 UTC" style for lock-out messages (a lock lasts minutes). */
export function formatLockTime(until: Date): string {
  return `${until.toISOString().slice(11, 16)} UTC`;
}
