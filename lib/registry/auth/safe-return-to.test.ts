import { describe, expect, it } from "vitest";
import { safeReturnTo } from "@/lib/registry/auth/session";

describe("ICR sign-in returnTo", () => {
  it.each([
    "/icr/organizations/abc/inventory",
    "/icr/apps/carbonmark/installations/new?state=s&redirectUri=http%3A%2F%2Flocalhost%3A3000%2Fconnect%2Ficr%2Fcallback",
  ])("an ICR page %j is followed", (input) => expect(safeReturnTo(input)).toBe(input));

  it.each([
    "/icr/%09/evil.example",
    "/icr/..%2F..%2F%2Fevil.example",
    "/icr/\\evil.example",
    "/icr/%5C%5Cevil.example",
    "/icr/../portfolio",
    "//evil.example/icr/",
    "/\t/evil.example/icr/",
    "/%09/evil.example",
    "https://evil.example/icr/",
    "javascript:alert(1)",
  ])("an attacker's %j goes to /icr", (input) => expect(safeReturnTo(input)).toBe("/icr"));
});
