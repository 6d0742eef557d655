import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";

describe("redirect targets after sign-in and connect", () => {
  it.each([
    ["/import/icr", "/import/icr"],
    ["/import/icr?step=2#top", "/import/icr?step=2#top"],
    ["/retirements/a%20b", "/retirements/a%20b"],
    ["/wallet/../portfolio", "/portfolio"],
  ])("a same-site path %j stays %j", (input, out) => {
    expect(safeRedirectPath(input)).toBe(out);
  });

  it.each([
    // protocol-relative and backslash tricks
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    // control characters, raw and %-encoded (browsers strip tab/CR/LF, leaving "//evil")
    "/\t/evil.example",
    "/\r/evil.example",
    "/\n/evil.example",
    "/\u0000/evil.example",
    "/%09/evil.example",
    "/%0d/evil.example",
    "/%0A/evil.example",
    "/%00/evil.example",
    "/%5C/evil.example",
    "/%5c%5cevil.example",
    "/%2F/evil.example",
    // double and triple encodings
    "/%2509/evil.example",
    "/%252F/evil.example",
    "/%25252F/evil.example",
    "/%255C/evil.example",
    // other schemes and absolute URLs
    "javascript:alert(1)",
    "/javascript:alert(1)//https://evil.example",
    "https://evil.example",
    "http://localhost.evil.example/",
    "data:text/html,<script>alert(1)</script>",
    "",
    "portfolio",
    "/%E0%A4%A",
  ])("an attacker's %j falls back to /portfolio", (input) => {
    expect(safeRedirectPath(input)).toBe("/portfolio");
  });

  it("no value falls back", () => {
    expect(safeRedirectPath(undefined)).toBe("/portfolio");
    expect(safeRedirectPath(null, "/wallet")).toBe("/wallet");
  });
});
