import { describe, expect, it } from "vitest";
import { installRedirectUrl, isAllowedRedirect } from "@/lib/registry/apps/is-allowed-redirect";

const ALLOWED = ["http://localhost:3000/connect/icr/callback"];

describe("isAllowedRedirect", () => {
  it.each([
    ["the exact callback", "http://localhost:3000/connect/icr/callback", true],
    ["the callback with its own query", "http://localhost:3000/connect/icr/callback?from=import", true],
    ["another host", "http://evil.test/connect/icr/callback", false],
    ["another port", "http://localhost:3001/connect/icr/callback", false],
    ["a longer path", "http://localhost:3000/connect/icr/callback/../../x", false],
    ["a path prefix", "http://localhost:3000/connect/icr/callbackx", false],
    ["credentials", "http://user:pw@localhost:3000/connect/icr/callback", false],
    ["a fragment", "http://localhost:3000/connect/icr/callback#x", false],
    ["javascript:", "javascript:alert(1)", false],
    ["not a URL", "/connect/icr/callback", false],
  ])("%s → %s", (_what, uri, ok) => {
    expect(isAllowedRedirect(uri, ALLOWED)).toBe(ok);
  });

  it("adds installationId and state, keeping the caller's query", () => {
    const url = new URL(installRedirectUrl("http://localhost:3000/connect/icr/callback?from=import", "abc", "s t&x"));
    expect(url.searchParams.get("from")).toBe("import");
    expect(url.searchParams.get("installationId")).toBe("abc");
    expect(url.searchParams.get("state")).toBe("s t&x");
  });
});
