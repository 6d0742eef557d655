import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";
import { rateLimitKeyForIp } from "@/lib/security/rate-limit-key";

// Budgets of the API (docs/api.md, "Rate limits"): requests per key, and failed authentications per
// client IP (a stranger guessing keys uses up nobody's budget but their own).
export const API_REQUESTS_PER_MINUTE = 120;
export const API_FAILED_AUTH_PER_15_MINUTES = 30;

let limiters: ReturnType<typeof build> | undefined;
function build() {
  return {
    perKey: createLimiter("cm_rate_limit", { name: "cm-api-key", points: API_REQUESTS_PER_MINUTE, durationSec: 60 }),
    failedAuthIp: createLimiter("cm_rate_limit", {
      name: "cm-api-auth-ip",
      points: API_FAILED_AUTH_PER_15_MINUTES,
      durationSec: 15 * 60,
    }),
  };
}
const get = () => (limiters ??= build());

export const apiKeyChecks = (keyId: string): TLimitCheck[] => [{ limiter: get().perKey, key: keyId }];
export const failedAuthChecks = (ip: string): TLimitCheck[] => [
  { limiter: get().failedAuthIp, key: rateLimitKeyForIp(ip) },
];
