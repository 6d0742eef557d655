import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";

// The request's cookie jar as Next.js hands it to a server action.
const jar = vi.hoisted(() => ({
  cookies: [] as { name: string; value: string }[],
  set: [] as { name: string; value: string; opts: Record<string, unknown> }[],
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => jar.cookies,
    set: (name: string, value: string, opts: Record<string, unknown>) => jar.set.push({ name, value, opts }),
  }),
}));

const { signOutThisBrowser } = await import("@/lib/carbonmark/auth/sign-out");
const { sessionCookieName } = await import("@/lib/carbonmark/auth/session-cookie");

afterEach(() => {
  jar.cookies = [];
  jar.set.length = 0;
});

async function signedInUser(email: string) {
  const user = await ensureCmUser({ email, name: "Sign Out", password: "sign-out-password-1" });
  const { sessionVersion } = await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id } });
  const token = await encode({
    secret: process.env.NEXTAUTH_SECRET!,
    token: { sub: user.id, email, name: "Sign Out", sv: sessionVersion },
  });
  return { user, sessionVersion, token };
}

const versionOf = async (id: string) =>
  (await prisma.cmUser.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

describe("[SIGN OUT] the header's sign-out form does what next-auth's sign-out does", () => {
  it("ends every session of the user and clears this browser's session cookie", async () => {
    const { user, sessionVersion, token } = await signedInUser("sign-out@carbonmark.test");
    jar.cookies = [{ name: sessionCookieName(), value: token }];
    await signOutThisBrowser();
    expect(await versionOf(user.id)).toBe(sessionVersion + 1);
    expect(jar.set).toEqual([
      {
        name: sessionCookieName(),
        value: "",
        opts: { httpOnly: true, sameSite: "lax", path: "/", secure: false, maxAge: 0 },
      },
    ]);
  });

  it("a session cookie split in chunks is read whole and every chunk is cleared", async () => {
    const { user, sessionVersion, token } = await signedInUser("sign-out-chunks@carbonmark.test");
    const name = sessionCookieName();
    const half = Math.ceil(token.length / 2);
    jar.cookies = [
      { name: `${name}.1`, value: token.slice(half) },
      { name: `${name}.0`, value: token.slice(0, half) },
    ];
    await signOutThisBrowser();
    expect(await versionOf(user.id)).toBe(sessionVersion + 1);
    expect(jar.set.map((c) => [c.name, c.value, c.opts.maxAge]).sort()).toEqual([
      [`${name}.0`, "", 0],
      [`${name}.1`, "", 0],
    ]);
  });

  it("an already revoked or unreadable cookie revokes nothing more, and is still cleared", async () => {
    const { user, sessionVersion, token } = await signedInUser("sign-out-stale@carbonmark.test");
    await prisma.cmUser.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    jar.cookies = [{ name: sessionCookieName(), value: token }];
    await signOutThisBrowser();
    expect(await versionOf(user.id)).toBe(sessionVersion + 1);
    expect(jar.set).toHaveLength(1);

    jar.set.length = 0;
    jar.cookies = [{ name: sessionCookieName(), value: "not-a-jwt" }];
    await signOutThisBrowser();
    expect(await versionOf(user.id)).toBe(sessionVersion + 1);
    expect(jar.set.map((c) => c.opts.maxAge)).toEqual([0]);
  });

  it("without a session cookie nothing is changed", async () => {
    jar.cookies = [{ name: "other", value: "x" }];
    await signOutThisBrowser();
    expect(jar.set).toEqual([]);
  });
});
