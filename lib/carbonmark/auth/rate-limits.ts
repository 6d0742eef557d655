import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";

// Carbonmark's attempt budgets (docs/carbonmark.md, "Rate limits"). Counted per account and per client IP.
const FIFTEEN_MINUTES = 15 * 60;
let limiters: ReturnType<typeof build> | undefined;
function build() {
  return {
    signInAccount: createLimiter("cm_rate_limit", {
      name: "cm-sign-in-account",
      points: 10,
      durationSec: FIFTEEN_MINUTES,
    }),
    signInIp: createLimiter("cm_rate_limit", { name: "cm-sign-in-ip", points: 50, durationSec: FIFTEEN_MINUTES }),
    signUpIp: createLimiter("cm_rate_limit", { name: "cm-sign-up-ip", points: 20, durationSec: 60 * 60 }),
    pinAccount: createLimiter("cm_rate_limit", { name: "cm-pin-account", points: 10, durationSec: FIFTEEN_MINUTES }),
    pinIp: createLimiter("cm_rate_limit", { name: "cm-pin-ip", points: 50, durationSec: FIFTEEN_MINUTES }),
  };
}
function get() {
  limiters ??= build();
  return limiters;
}

export function signInChecks(opts: { email: string; ip: string }): TLimitCheck[] {
  return [
    { limiter: get().signInAccount, key: opts.email.trim() || "-" },
    { limiter: get().signInIp, key: opts.ip },
  ];
}

export function signUpChecks(opts: { ip: string }): TLimitCheck[] {
  return [{ limiter: get().signUpIp, key: opts.ip }];
}

export function pinChecks(opts: { userId: string; ip: string }): TLimitCheck[] {
  return [
    { limiter: get().pinAccount, key: opts.userId },
    { limiter: get().pinIp, key: opts.ip },
  ];
}
