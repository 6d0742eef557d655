import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { DEVICE_COOKIE, isDeviceId, newDeviceId } from "@/lib/carbonmark/auth/device-cookie";
import { proxy } from "@/proxy";

const appUrl = process.env.APP_URL ?? "http://localhost:3000";
process.env.APP_URL = appUrl;
afterEach(() => {
  process.env.APP_URL = appUrl;
});

async function deviceCookieSet(path: string, opts: { method?: string; cookie?: string } = {}) {
  const req = new NextRequest(`http://localhost:3000${path}`, {
    method: opts.method ?? "GET",
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
  const res = await proxy(req);
  return res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
}

describe("[DEVICES] the device cookie", () => {
  it("a browser without one gets it with the sign-in page, the CSRF token and the credentials POST", async () => {
    process.env.APP_URL = "http://localhost:3000";
    for (const [path, method] of [
      ["/sign-in", "GET"],
      ["/api/auth/csrf", "GET"],
      ["/api/auth/callback/credentials", "POST"],
    ] as const) {
      const cookie = await deviceCookieSet(path, { method });
      expect(cookie, path).toBeDefined();
      const [pair, ...attributes] = cookie!.split("; ");
      expect(isDeviceId(pair!.slice(DEVICE_COOKIE.length + 1)), path).toBe(true);
      const expires = attributes.find((a) => a.startsWith("Expires="))!;
      expect(new Date(expires.slice("Expires=".length)).getTime()).toBeGreaterThan(Date.now() + 399 * 86400_000);
      expect(
        attributes
          .filter((a) => a !== expires)
          .map((a) => a.toLowerCase())
          .sort(),
      ).toEqual(["httponly", "max-age=34560000", "path=/", "samesite=lax"]);
    }
  });

  it("is Secure on https, random for every browser, and kept when the browser has a valid one", async () => {
    process.env.APP_URL = "https://carbonmark.example";
    const cookie = await deviceCookieSet("/sign-in");
    expect(cookie).toMatch(/; Secure/);
    const ids = await Promise.all([1, 2, 3].map(() => deviceCookieSet("/sign-in")));
    expect(new Set(ids.map((c) => c!.split(";")[0])).size).toBe(3);

    expect(await deviceCookieSet("/sign-in", { cookie: `${DEVICE_COOKIE}=${newDeviceId()}` })).toBeUndefined();
    expect(await deviceCookieSet("/sign-in", { cookie: `${DEVICE_COOKIE}=not-a-device-id` })).toBeDefined();
  });

  it("other pages leave it alone", async () => {
    for (const path of ["/", "/retirements", "/icr/sign-in", "/api/health"])
      expect(await deviceCookieSet(path), path).toBeUndefined();
  });
});
