import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIpFrom, isHttpsRequest, trustedProxyHops } from "@/lib/security/client-ip";
import { rewriteForwardedHeaders } from "@/lib/security/forwarded-headers";

function incoming(headers: Record<string, string>, remoteAddress = "10.0.0.5", encrypted = false) {
  return { headers: { ...headers }, socket: { remoteAddress, encrypted } } as unknown as IncomingMessage;
}
const asHeaders = (req: IncomingMessage) => new Headers(req.headers as Record<string, string>);

describe("client IP for rate limits", () => {
  it("without a trusted proxy a forged X-Forwarded-For is replaced by the socket's address", () => {
    const req = incoming({ "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https" });
    rewriteForwardedHeaders(req, 0);
    expect(clientIpFrom(asHeaders(req), 0)).toBe("10.0.0.5");
    expect(isHttpsRequest(asHeaders(req), { appUrl: "http://localhost:3000", hops: 0 })).toBe(false);
  });

  it("behind one trusted proxy the client is the address that proxy saw, not what the client wrote", () => {
    // The client forged "1.2.3.4"; the proxy appended the real peer 198.51.100.7; the socket is the proxy.
    const req = incoming({ "x-forwarded-for": "1.2.3.4, 198.51.100.7", "x-forwarded-proto": "https" }, "10.0.0.2");
    rewriteForwardedHeaders(req, 1);
    expect(clientIpFrom(asHeaders(req), 1)).toBe("198.51.100.7");
    expect(isHttpsRequest(asHeaders(req), { appUrl: "http://localhost:3000", hops: 1 })).toBe(true);
  });

  it("TRUST_PROXY parses to a hop count", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY: "false" })).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY: "true" })).toBe(1);
    expect(trustedProxyHops({ TRUST_PROXY: "2" })).toBe(2);
    expect(trustedProxyHops({ TRUST_PROXY: "0" })).toBe(0);
    // A malformed value is a configuration error (start-up stops naming it), never a silent 0.
    expect(() => trustedProxyHops({ TRUST_PROXY: "yes please" })).toThrow(
      /TRUST_PROXY: must be true, false or a number/,
    );
    expect(() => trustedProxyHops({ TRUST_PROXY: "10" })).toThrow(/TRUST_PROXY/);
  });

  it("an https APP_URL always counts as https", () => {
    expect(isHttpsRequest(new Headers(), { appUrl: "https://carbonmark.example", hops: 0 })).toBe(true);
  });
});
