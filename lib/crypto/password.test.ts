import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, ZNewPassword } from "@/lib/crypto/password";

describe("new passwords", () => {
  it.each([
    ["short", "Use at least 12 characters"],
    ["a".repeat(11), "Use at least 12 characters"],
    ["a".repeat(73), "Use at most 72 bytes"],
    ["é".repeat(37), "Use at most 72 bytes"],
  ])("%j is refused with %j", (pw, message) => {
    const r = ZNewPassword.safeParse(pw);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(message);
  });

  it.each(["a".repeat(12), "a".repeat(72), "correct horse battery"])("%j is accepted", (pw) => {
    expect(ZNewPassword.safeParse(pw).success).toBe(true);
  });

  it("a password past bcrypt's 72 bytes is never hashed (its tail would be ignored)", async () => {
    await expect(hashPassword("a".repeat(73))).rejects.toThrow(/72/);
  });
});

describe("checking a password for an unknown account", () => {
  it("says no and runs one full bcrypt comparison at a real account's cost", async () => {
    const realHash = await hashPassword("the-real-password");
    const calls: string[] = [];
    const original = bcrypt.compare;
    const spy = (pw: string, hash: string) => {
      calls.push(hash);
      return original(pw, hash);
    };
    (bcrypt as { compare: typeof spy }).compare = spy;
    try {
      expect(await verifyPassword("whatever-password", null)).toBe(false);
    } finally {
      (bcrypt as { compare: typeof original }).compare = original;
    }
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/);
    // Same algorithm and cost prefix ("$2b$10$") as a real account's hash: the same work.
    expect(calls[0]!.slice(0, 7)).toBe(realHash.slice(0, 7));
  });
});
