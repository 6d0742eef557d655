// Who is asking: the client's IP address and whether the request came over https.
//
// Next.js fills `x-forwarded-for` / `x-forwarded-proto` from the socket only when the client did not
// send them, so on their own they are attacker-controlled. instrumentation.ts installs
// `installForwardedHeaders` (forwarded-headers.ts), which rewrites them from the socket for every
// request: with TRUST_PROXY unset or 0 the client's own values are replaced by the socket's peer
// address and TLS state; with TRUST_PROXY=n (n proxies we run in front of the app) the socket's
// address is appended, and the client is the n-th address from the right.

import { configValue } from "@/lib/config";

/** Number of trusted reverse proxies in front of the app (TRUST_PROXY: 0 / unset, "true" = 1, or a count; anything else is a ConfigError). */
export function trustedProxyHops(env?: Record<string, string | undefined>): number {
  return configValue("TRUST_PROXY", env);
}

/** The client's address from headers rewritten by the forwarded-headers hook. */
export function clientIpFrom(headers: Headers, hops = trustedProxyHops()): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!chain.length) return "unknown";
  return chain[Math.max(0, chain.length - 1 - hops)]!.slice(0, 64);
}

/** True when the browser talks https to us: APP_URL is https, or a trusted proxy says so. */
export function isHttpsRequest(headers: Headers, opts: { appUrl?: string; hops?: number } = {}): boolean {
  const appUrl = opts.appUrl ?? configValue("APP_URL");
  if (appUrl.startsWith("https://")) return true;
  const hops = opts.hops ?? trustedProxyHops();
  if (hops === 0) return false;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
