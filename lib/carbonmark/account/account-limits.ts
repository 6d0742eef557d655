import "server-only";
import { headers } from "next/headers";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeOrThrow, createLimiter } from "@/lib/security/rate-limit";

// Budgets of the mailed-link forms (docs/account-security.md): each mail is counted per address or
// account and per client IP, so nobody can fill an inbox or guess links.
const HOUR = 60 * 60;
let limiters: ReturnType<typeof build> | undefined;
function build() {
  return {
    mailPerAddress: createLimiter("cm_rate_limit", { name: "cm-account-mail-address", points: 5, durationSec: HOUR }),
    mailPerIp: createLimiter("cm_rate_limit", { name: "cm-account-mail-ip", points: 30, durationSec: HOUR }),
    linkPerIp: createLimiter("cm_rate_limit", { name: "cm-account-link-ip", points: 60, durationSec: HOUR }),
  };
}
const get = () => (limiters ??= build());

/** Before a form mails a link (password reset, e-mail change, confirmation again): per address (or account) and per IP. */
export async function limitAccountMail(address: string): Promise<void> {
  const ip = clientIpFrom(await headers());
  await consumeOrThrow([
    { limiter: get().mailPerIp, key: ip },
    { limiter: get().mailPerAddress, key: address },
  ]);
}

/** Before a mailed link is used (confirm, reset, freeze): per IP, so tokens cannot be guessed in bulk. */
export async function limitAccountLink(): Promise<void> {
  await consumeOrThrow([{ limiter: get().linkPerIp, key: clientIpFrom(await headers()) }]);
}
