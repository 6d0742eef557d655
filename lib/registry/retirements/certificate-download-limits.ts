import { config } from "@/lib/config";
import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";

// Public certificate downloads per client IP (counters in icr_rate_limit, shared by every instance).
let limiter: ReturnType<typeof createLimiter> | undefined;

export function certificateDownloadChecks(ip: string): TLimitCheck[] {
  limiter ??= createLimiter("icr_rate_limit", {
    name: "icr-certificate-download-ip",
    points: config().ICR_CERTIFICATE_DOWNLOADS_PER_MINUTE,
    durationSec: 60,
  });
  return [{ limiter, key: ip }];
}
