import { afterEach, describe, expect, it, vi } from "vitest";
import { ensureIcrUser } from "@/lib/seed/registry-factories";

// The request as Next.js would hand it over: headers() and the cookie jar.
const request = vi.hoisted(() => ({
  headers: new Headers(),
  set: [] as { name: string; value: string; opts: Record<string, unknown> }[],
}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    set: (name: string, value: string, opts: Record<string, unknown>) => request.set.push({ name, value, opts }),
    get: () => undefined,
  }),
}));

const { signInIcrUser } = await import("@/lib/registry/auth/session");
const PASSWORD = "icr-cookie-password";

afterEach(() => {
  request.set.length = 0;
  delete process.env.TRUST_PROXY;
});

describe("[ICR SESSION] the session cookie is Secure behind https", () => {
  it("over plain http (local sandbox) it is not Secure, so sign-in still works", async () => {
    await ensureIcrUser({ email: "cookie-http@icr.test", name: "Cookie", password: PASSWORD, memberships: [] });
    request.headers = new Headers({ "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http" });
    expect(await signInIcrUser("cookie-http@icr.test", PASSWORD)).toBeTruthy();
    expect(request.set[0]).toMatchObject({
      name: "icr_session",
      opts: { httpOnly: true, sameSite: "lax", secure: false },
    });
  });

  it("behind a trusted https proxy the cookie is Secure", async () => {
    await ensureIcrUser({ email: "cookie-https@icr.test", name: "Cookie", password: PASSWORD, memberships: [] });
    process.env.TRUST_PROXY = "1";
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.2", "x-forwarded-proto": "https" });
    expect(await signInIcrUser("cookie-https@icr.test", PASSWORD)).toBeTruthy();
    expect(request.set[0]).toMatchObject({ name: "icr_session", opts: { secure: true } });
  });

  it("a client's own X-Forwarded-Proto is not trusted without TRUST_PROXY", async () => {
    await ensureIcrUser({ email: "cookie-forged@icr.test", name: "Cookie", password: PASSWORD, memberships: [] });
    request.headers = new Headers({ "x-forwarded-proto": "https" });
    expect(await signInIcrUser("cookie-forged@icr.test", PASSWORD)).toBeTruthy();
    expect(request.set[0]!.opts.secure).toBe(false);
  });
});
