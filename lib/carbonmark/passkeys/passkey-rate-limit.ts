import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";

// Sign-in passkey options are asked for before anyone is known (each stores a challenge row for 5
// minutes): at most 50 per client IP in 15 minutes, as many as sign-in attempts.
let limiter: ReturnType<typeof createLimiter> | undefined;

export function passkeyOptionsChecks(opts: { ip: string }): TLimitCheck[] {
  limiter ??= createLimiter("cm_rate_limit", { name: "cm-passkey-options-ip", points: 50, durationSec: 15 * 60 });
  return [{ limiter, key: opts.ip }];
}
