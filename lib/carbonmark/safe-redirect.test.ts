import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";

describe("redirect targets after sign-in and connect", () => {
  it.each([
    ["/import/icr", "/import/icr"],
    ["//evil.example/x", "/portfolio"],
    ["https://evil.example", "/portfolio"],
    ["/\\evil.example", "/portfolio"],
    [undefined, "/portfolio"],
  ])("%j → %j", (input, out) => {
    expect(safeRedirectPath(input)).toBe(out);
  });
});
