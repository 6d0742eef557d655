import { describe, expect, it } from "vitest";
import { routeKind, securityHeaders } from "@/lib/security/security-headers";

describe("security headers", () => {
  it("pages get a nonce CSP without unsafe-inline scripts in production", () => {
    const h = securityHeaders({ kind: "page", nonce: "abc123abc123abc123abc1==", isDev: false, isHttps: false });
    expect(h["content-security-policy"]).toContain(
      "script-src 'self' 'nonce-abc123abc123abc123abc1==' 'strict-dynamic';",
    );
    expect(h["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["strict-transport-security"]).toBeUndefined();
  });

  it("HSTS and upgrade-insecure-requests only over https", () => {
    const h = securityHeaders({ kind: "page", nonce: "n", isDev: false, isHttps: true });
    expect(h["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(h["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it.each([
    // The PDF route handlers (certificates): framing policy only, so the browser's PDF viewer works.
    ["/icr/retirements/abc/certificate", "document"],
    ["/icr/api/retirements/abc/pdf", "document"],
    ["/api/carbonmark/retirements/abc/certificate", "document"],
    ["/api/carbonmark/certificates/abc", "document"],
    // Everything else gets the page policy: JSON handlers, next-auth (its sign-out and error pages
    // are HTML), and every path no handler serves, which Next.js answers with its HTML 404.
    ["/api/health", "page"],
    ["/icr/api/organizations/x", "page"],
    ["/api/auth/signout", "page"],
    ["/api/no-such-thing", "page"],
    ["/api/carbonmark/no-such-thing", "page"],
    ["/icr/retirements/abc/extra/certificate", "page"],
    ["/no/certificate", "page"],
    ["/no/pdf", "page"],
    ["/icr/retirements", "page"],
    ["/retirements/abc", "page"],
    ["/", "page"],
  ])("%s is a %s", (path, kind) => expect(routeKind(path)).toBe(kind));
});
