import { performance } from "node:perf_hooks";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, ZNewPassword } from "@/lib/crypto/password";

async function medianMs(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

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
  it("says no and runs a full bcrypt comparison", async () => {
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
    expect(calls[0]).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
  });

  it("takes about as long as a wrong password for a real account (generous ratio)", async () => {
    const hash = await hashPassword("the-real-password");
    await verifyPassword("warm-up", null);
    const known = await medianMs(() => verifyPassword("wrong-password!", hash));
    const unknown = await medianMs(() => verifyPassword("wrong-password!", null));
    expect(unknown).toBeGreaterThan(known / 3);
  });
});
