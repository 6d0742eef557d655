import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";

// Next.js's own runtime provides this global; its testing helpers need it outside that runtime.
(globalThis as unknown as { AsyncLocalStorage: unknown }).AsyncLocalStorage = AsyncLocalStorage;
process.env.APP_URL ??= "http://localhost:3000"; // the one variable the proxy reads for these paths
const { unstable_doesMiddlewareMatch } = await import("next/experimental/testing/server");
const { NextRequest } = await import("next/server");
const { config, proxy } = await import("@/proxy");

const scriptSrc = (csp: string | null) =>
  csp
    ?.split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src"));

describe("proxy.ts security headers", () => {
  it.each([
    "/favicon.ico",
    "/favicon.icoX",
    "/_next/staticX",
    "/_next/static",
    "/_next/imageX",
    "/api/no-such-thing",
    "/no/certificate",
  ])("runs for %s (Next.js answers it with an HTML page)", (path) => {
    expect(unstable_doesMiddlewareMatch({ config, url: `http://localhost${path}` })).toBe(true);
  });

  it.each(["/_next/static/chunks/app.js", "/_next/static/css/app.css", "/_next/image"])(
    "skips the build asset %s (next.config.ts gives it its headers)",
    (path) => expect(unstable_doesMiddlewareMatch({ config, url: `http://localhost${path}` })).toBe(false),
  );

  it.each(["/api/no-such-thing", "/api/auth/signout", "/icr/retirements/x/y/certificate", "/no/certificate"])(
    "%s (an HTML answer) gets the page policy with a fresh nonce for Next.js's scripts",
    async (path) => {
      const res = await proxy(new NextRequest(`http://localhost${path}`));
      const csp = res.headers.get("content-security-policy");
      expect(scriptSrc(csp)).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      // Next.js reads the nonce from the forwarded request headers and puts it on its scripts.
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    },
  );

  it("a certificate PDF keeps the framing-only policy", async () => {
    const res = await proxy(new NextRequest("http://localhost/icr/retirements/abc/certificate"));
    expect(res.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
