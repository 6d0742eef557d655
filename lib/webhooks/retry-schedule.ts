// When a failed delivery is tried again: quick retries first, then spread over more than a day, as
// GitHub and Stripe do. Neutral: each side names its delays (the ICR sandbox keeps ICR's documented
// ones), the arithmetic is this file's.

export type TRetrySchedule = {
  /** Seconds to wait after failed attempt n before attempt n + 1. */
  delaysS: readonly number[];
  /** Attempts in all: the first, then one after each delay. */
  maxAttempts: number;
  /** Seconds from the first attempt to the last, when every attempt fails. */
  spanS: number;
  /** When attempt `failedAttempt + 1` runs, or null when `failedAttempt` was the last. */
  nextAttemptAt: (failedAttempt: number, failedAt: Date) => Date | null;
};

export function retrySchedule(delaysS: readonly number[]): TRetrySchedule {
  return {
    delaysS,
    maxAttempts: delaysS.length + 1,
    spanS: delaysS.reduce((a, b) => a + b, 0),
    nextAttemptAt: (failedAttempt, failedAt) => {
      const delay = failedAttempt >= 1 ? delaysS[failedAttempt - 1] : undefined;
      return delay === undefined ? null : new Date(failedAt.getTime() + delay * 1000);
    },
  };
}

/** The default schedule (Carbonmark's webhooks): 12 attempts, the last about 28 hours after the first. */
export const RETRY_DELAYS_S = [10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200] as const;
export const DEFAULT_RETRY_SCHEDULE = retrySchedule(RETRY_DELAYS_S);
export const MAX_ATTEMPTS = DEFAULT_RETRY_SCHEDULE.maxAttempts;
export const RETRY_SPAN_S = DEFAULT_RETRY_SCHEDULE.spanS;
export const nextAttemptAt = DEFAULT_RETRY_SCHEDULE.nextAttemptAt;
