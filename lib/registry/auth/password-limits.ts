import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";

// ICR password budgets (counters in icr_rate_limit), beside the sign-in ones (sign-in-limits.ts).
const FIFTEEN_MINUTES = 15 * 60;
type TLimiter = ReturnType<typeof createLimiter>;
let reset: { email: TLimiter; ip: TLimiter } | undefined;
let change: { account: TLimiter; ip: TLimiter } | undefined;

/** Reset requests: every one mails someone, so each is counted, per address asked about and per client IP. */
export const RESET_REQUEST_LIMITS = { perEmail: 5, perIp: 20, windowSec: FIFTEEN_MINUTES } as const;

export function icrResetRequestChecks(opts: { email: string; ip: string }): TLimitCheck[] {
  reset ??= {
    email: createLimiter("icr_rate_limit", {
      name: "icr-reset-email",
      points: RESET_REQUEST_LIMITS.perEmail,
      durationSec: FIFTEEN_MINUTES,
    }),
    ip: createLimiter("icr_rate_limit", {
      name: "icr-reset-ip",
      points: RESET_REQUEST_LIMITS.perIp,
      durationSec: FIFTEEN_MINUTES,
    }),
  };
  return [
    { limiter: reset.email, key: opts.email.trim() || "-" },
    { limiter: reset.ip, key: opts.ip },
  ];
}

/** Wrong current passwords on the password-change form, per account and per client IP (failures only). */
export function icrPasswordChangeChecks(opts: { userId: string; ip: string }): TLimitCheck[] {
  change ??= {
    account: createLimiter("icr_rate_limit", {
      name: "icr-password-change-account",
      points: 10,
      durationSec: FIFTEEN_MINUTES,
    }),
    ip: createLimiter("icr_rate_limit", { name: "icr-password-change-ip", points: 50, durationSec: FIFTEEN_MINUTES }),
  };
  return [
    { limiter: change.account, key: opts.userId },
    { limiter: change.ip, key: opts.ip },
  ];
}
