import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";
import { rateLimitKeyForIp } from "@/lib/security/rate-limit-key";

// ICR web sign-in budgets (counters in icr_rate_limit), counted in order: the client IP's (its /64
// for IPv6) first, so a client over it uses up no account's budget; then the account's.
const FIFTEEN_MINUTES = 15 * 60;
let limiters: { account: ReturnType<typeof createLimiter>; ip: ReturnType<typeof createLimiter> } | undefined;

export function icrSignInChecks(opts: { email: string; ip: string }): TLimitCheck[] {
  limiters ??= {
    account: createLimiter("icr_rate_limit", { name: "icr-sign-in-account", points: 10, durationSec: FIFTEEN_MINUTES }),
    ip: createLimiter("icr_rate_limit", { name: "icr-sign-in-ip", points: 50, durationSec: FIFTEEN_MINUTES }),
  };
  return [
    { limiter: limiters.ip, key: rateLimitKeyForIp(opts.ip) },
    // The account signInIcrUser looks up (trimmed, lower case).
    { limiter: limiters.account, key: opts.email.trim().toLowerCase() || "-" },
  ];
}
