import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";

// ICR web sign-in budgets, per account and per client IP (counters in icr_rate_limit).
const FIFTEEN_MINUTES = 15 * 60;
let limiters: { account: ReturnType<typeof createLimiter>; ip: ReturnType<typeof createLimiter> } | undefined;

export function icrSignInChecks(opts: { email: string; ip: string }): TLimitCheck[] {
  limiters ??= {
    account: createLimiter("icr_rate_limit", { name: "icr-sign-in-account", points: 10, durationSec: FIFTEEN_MINUTES }),
    ip: createLimiter("icr_rate_limit", { name: "icr-sign-in-ip", points: 50, durationSec: FIFTEEN_MINUTES }),
  };
  return [
    { limiter: limiters.account, key: opts.email.trim() || "-" },
    { limiter: limiters.ip, key: opts.ip },
  ];
}
