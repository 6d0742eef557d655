import type { IncomingMessage } from "node:http";
import http from "node:http";
import { trustedProxyHops } from "@/lib/security/client-ip";

/**
 * Makes `x-forwarded-for` / `x-forwarded-proto` trustworthy before Next.js reads them (see
 * client-ip.ts). Runs on every incoming request of this process's HTTP servers.
 */
export function rewriteForwardedHeaders(req: IncomingMessage, hops = trustedProxyHops()): void {
  const peer = req.socket?.remoteAddress ?? "unknown";
  const encrypted = !!(req.socket as { encrypted?: boolean } | undefined)?.encrypted;
  if (hops === 0) {
    req.headers["x-forwarded-for"] = peer;
    req.headers["x-forwarded-proto"] = encrypted ? "https" : "http";
    return;
  }
  const prior = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(prior) ? prior.join(",") : (prior ?? "")).trim();
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}

const INSTALLED = Symbol.for("carbonmark.forwardedHeaders");

/** Patches http.Server so every "request" event first passes through rewriteForwardedHeaders. */
export function installForwardedHeaders(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, unknown> & {
    emit: (event: string, ...args: unknown[]) => boolean;
  };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request" && args[0]) rewriteForwardedHeaders(args[0] as IncomingMessage);
    return emit.call(this, event, ...args);
  };
}
