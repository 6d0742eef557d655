import { describe, expect, it } from "vitest";
import { rateLimitKeyForIp } from "@/lib/security/rate-limit-key";

describe("rate-limit key for a client address", () => {
  it("every address of one IPv6 /64 is one key, however it is written", () => {
    const spellings = [
      "2001:db8:1:2::1",
      "2001:db8:1:2:aaaa:bbbb:cccc:dddd",
      "2001:0DB8:0001:0002:0000:0000:0000:0001",
      "2001:db8:1:2:ffff:ffff:ffff:ffff",
      "2001:db8:1:2::",
      "2001:db8:1:2:0:0:192.0.2.1",
      "2001:db8:1:2::1%eth0",
      "[2001:db8:1:2::9]",
      "[2001:db8:1:2::9]:443",
      " 2001:db8:1:2::7 ",
    ];
    expect(new Set(spellings.map(rateLimitKeyForIp))).toEqual(new Set(["2001:db8:1:2::/64"]));
  });

  it("another /64 is another key", () => {
    expect(rateLimitKeyForIp("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(rateLimitKeyForIp("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitKeyForIp("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitKeyForIp("fe80::1%25en0")).toBe("fe80:0:0:0::/64");
  });

  it("IPv4 is the address itself, also when it arrives IPv4-mapped over IPv6", () => {
    expect(rateLimitKeyForIp("192.0.2.60")).toBe("192.0.2.60");
    expect(rateLimitKeyForIp("::ffff:192.0.2.60")).toBe("192.0.2.60");
    expect(rateLimitKeyForIp("::FFFF:c000:023c")).toBe("192.0.2.60");
    expect(rateLimitKeyForIp("0:0:0:0:0:ffff:192.0.2.60")).toBe("192.0.2.60");
    expect(rateLimitKeyForIp("192.0.2.60:51234")).toBe("192.0.2.60");
    expect(rateLimitKeyForIp("192.0.2.61")).not.toBe(rateLimitKeyForIp("192.0.2.60"));
  });

  it("what is not an address is still a key of its own (bounded)", () => {
    expect(rateLimitKeyForIp("unknown")).toBe("unknown");
    expect(rateLimitKeyForIp("")).toBe("unknown");
    expect(rateLimitKeyForIp("not-an-ip:::1")).toBe("not-an-ip:::1");
    expect(rateLimitKeyForIp("x".repeat(500))).toHaveLength(64);
  });
});
