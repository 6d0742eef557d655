import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";
import { rateLimitKeyForIp } from "@/lib/security/rate-limit-key";

// Carbonmark's attempt budgets (docs/carbonmark.md, "Rate limits"). Each list is counted in order,
// the client's IP (its /64 for IPv6) first: a client over its IP budget uses up nobody's account budget.
const FIFTEEN_MINUTES = 15 * 60;
let limiters: ReturnType<typeof build> | undefined;
function build() {
  return {
    signInIp: createLimiter("cm_rate_limit", { name: "cm-sign-in-ip", points: 50, durationSec: FIFTEEN_MINUTES }),
    /** Per account, shared by every browser the account has not signed in on. */
    signInAccount: createLimiter("cm_rate_limit", {
      name: "cm-sign-in-account",
      points: 10,
      durationSec: FIFTEEN_MINUTES,
    }),
    /** Per account and known device (a browser the account has signed in on). */
    signInDevice: createLimiter("cm_rate_limit", {
      name: "cm-sign-in-device",
      points: 10,
      durationSec: FIFTEEN_MINUTES,
    }),
    signUpIp: createLimiter("cm_rate_limit", { name: "cm-sign-up-ip", points: 20, durationSec: 60 * 60 }),
    pinAccount: createLimiter("cm_rate_limit", { name: "cm-pin-account", points: 10, durationSec: FIFTEEN_MINUTES }),
    pinIp: createLimiter("cm_rate_limit", { name: "cm-pin-ip", points: 50, durationSec: FIFTEEN_MINUTES }),
  };
}
function get() {
  limiters ??= build();
  return limiters;
}

/**
 * A sign-in attempt: the IP's budget, then the budget of this known device of the account (keyed
 * by the device id's hash, never the cookie itself), or else the account's budget for everyone else.
 */
export function signInChecks(opts: {
  email: string;
  ip: string;
  knownDevice?: { userId: string; deviceIdHash: string } | null;
}): TLimitCheck[] {
  const account: TLimitCheck = opts.knownDevice
    ? { limiter: get().signInDevice, key: `${opts.knownDevice.userId}:${opts.knownDevice.deviceIdHash}` }
    : { limiter: get().signInAccount, key: opts.email.trim().toLowerCase() || "-" };
  return [{ limiter: get().signInIp, key: rateLimitKeyForIp(opts.ip) }, account];
}

export function signUpChecks(opts: { ip: string }): TLimitCheck[] {
  return [{ limiter: get().signUpIp, key: rateLimitKeyForIp(opts.ip) }];
}

export function pinChecks(opts: { userId: string; ip: string }): TLimitCheck[] {
  return [
    { limiter: get().pinIp, key: rateLimitKeyForIp(opts.ip) },
    { limiter: get().pinAccount, key: opts.userId },
  ];
}
