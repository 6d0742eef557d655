import { describe, expect, it } from "vitest";
import { isValidIcrSignature, signIcrBody } from "@/lib/carbonmark/webhooks/verify-signature";

describe("ICR webhook signatures", () => {
  const body = JSON.stringify({ event: "uninstalled" });
  it("accepts the right signature and refuses others", () => {
    expect(isValidIcrSignature(body, signIcrBody(body, "secret-1234567890"), "secret-1234567890")).toBe(true);
    expect(isValidIcrSignature(body, signIcrBody(body, "another-secret-123"), "secret-1234567890")).toBe(false);
    expect(isValidIcrSignature(body + " ", signIcrBody(body, "secret-1234567890"), "secret-1234567890")).toBe(false);
    expect(isValidIcrSignature(body, null, "secret-1234567890")).toBe(false);
    expect(isValidIcrSignature(body, "sha256=zz", "secret-1234567890")).toBe(false);
  });
});
