import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { encode } from "next-auth/jwt";
import { Pool } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/carbonmark/auth/auth-options";
import { limitCredentialsSignIn } from "@/lib/carbonmark/auth/limit-sign-in";
import { revokeSessions } from "@/lib/carbonmark/auth/revoke-sessions";
import { verifyCredentials } from "@/lib/carbonmark/auth/verify-credentials";
import { signUp } from "@/lib/carbonmark/users/sign-up";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto/password";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureIcrUser } from "@/lib/seed/registry-factories";
import { signInIcrUser } from "@/lib/registry/auth/session";
import { consumeOrThrow, createLimiter, RateLimitedError } from "@/lib/security/rate-limit";

const PASSWORD = "the-right-password-1";
const pools: Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/** What the browser's signIn("credentials") posts, from one client IP, with next-auth's CSRF cookie and token. */
function credentialsRequest(email: string, password: string, ip: string) {
  const csrfToken = randomBytes(32).toString("hex");
  const hash = createHash("sha256").update(`${csrfToken}${process.env.NEXTAUTH_SECRET}`).digest("hex");
  return new Request("http://127.0.0.1:3999/api/auth/callback/credentials", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": ip,
      cookie: `next-auth.csrf-token=${csrfToken}|${hash}`,
    },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
}

/** Stands in for next-auth's handler: 200 with the session cookie when verifyCredentials accepts, 401 otherwise. */
async function attempt(email: string, password: string, ip = "203.0.113.7") {
  return limitCredentialsSignIn(credentialsRequest(email, password, ip), async () => {
    const ok = await verifyCredentials({ email, password });
    return ok
      ? new Response(null, { status: 200, headers: { "set-cookie": "next-auth.session-token=abc; Path=/; HttpOnly" } })
      : new Response(null, { status: 401 });
  });
}

/** The hashes bcrypt compared against while `fn` ran (one per comparison). */
async function bcryptComparisons(fn: () => Promise<unknown>): Promise<string[]> {
  const hashes: string[] = [];
  const original = bcrypt.compare;
  const spy = (pw: string, hash: string) => {
    hashes.push(hash);
    return original(pw, hash);
  };
  (bcrypt as { compare: typeof spy }).compare = spy;
  try {
    await fn();
  } finally {
    (bcrypt as { compare: typeof original }).compare = original;
  }
  return hashes;
}

/** Algorithm and cost of a bcrypt hash ("$2b$10$"): what decides how long a comparison takes. */
const costOf = (hash: string) => hash.slice(0, 7);

describe("[SIGN-IN] password guessing is rate-limited", () => {
  it("25 wrong passwords in a burst: refused after 10 with a 429, Retry-After and the message; the right password too", async () => {
    const user = await ensureCmUser({ email: "burst@carbonmark.test", name: "Burst", password: PASSWORD });
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => attempt(user.email, `wrong-password-${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(800);
    const body = (await refused.json()) as { url: string; error: string };
    expect(body.error).toMatch(/^Too many attempts, try again in 1[45] minutes\.$/);
    expect(new URL(body.url).searchParams.get("error")).toBe(body.error);

    const right = await attempt(user.email, PASSWORD, "198.51.100.9");
    expect(right.status).toBe(429);
  });

  it("successful sign-ins use up no budget: 30 in a row from one IP all succeed, and 10 failures still lock", async () => {
    const user = await ensureCmUser({ email: "often@carbonmark.test", name: "Often", password: PASSWORD });
    const ok: number[] = [];
    for (let i = 0; i < 30; i++) ok.push((await attempt(user.email, PASSWORD, "203.0.113.30")).status);
    expect(ok.every((s) => s === 200)).toBe(true);
    for (let i = 0; i < 10; i++)
      expect((await attempt(user.email, "wrong-password-x", "203.0.113.30")).status).toBe(401);
    expect((await attempt(user.email, PASSWORD, "203.0.113.30")).status).toBe(429);
  });

  it("ICR: successful sign-ins use up no budget, failures do", async () => {
    const admin = await ensureIcrUser({ email: "often@icr.test", name: "Often", password: PASSWORD, memberships: [] });
    const { icrSignInChecks } = await import("@/lib/registry/auth/sign-in-limits");
    const { limitFailures } = await import("@/lib/security/rate-limit");
    // As app/icr/sign-in/actions.ts: the password check under the ICR budgets (no session cookie here).
    const signIn = (password: string) =>
      limitFailures(
        icrSignInChecks({ email: admin.email, ip: "203.0.113.31" }),
        () => verifyPassword(password, null).then(async () => (password === PASSWORD ? admin.id : null)),
        (id) => id !== null,
      ).catch((e) => (e instanceof RateLimitedError ? "limited" : Promise.reject(e)));
    for (let i = 0; i < 15; i++) expect(await signIn(PASSWORD)).toBe(admin.id);
    for (let i = 0; i < 10; i++) expect(await signIn("wrong-password-y")).toBeNull();
    expect(await signIn(PASSWORD)).toBe("limited");
  });

  it("one IP trying many accounts is stopped at 50 attempts", async () => {
    const answers = [];
    for (let i = 0; i < 52; i++)
      answers.push((await attempt(`nobody-${i}@carbonmark.test`, "whatever-password", "192.0.2.50")).status);
    expect(answers.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(answers.slice(50)).toEqual([429, 429]);
    // Another IP is not affected.
    expect((await attempt("nobody-0@carbonmark.test", "whatever-password", "192.0.2.51")).status).toBe(401);
  });

  it("two app instances (two limiters, two pools, one database) share one budget", async () => {
    const limit = { name: "test-shared", points: 4, durationSec: 60 };
    const [a, b] = [0, 1].map(() => {
      const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
      pools.push(pool);
      return createLimiter("cm_rate_limit", limit, pool);
    });
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      const limiter = i % 2 === 0 ? a! : b!;
      results.push(
        await consumeOrThrow([{ limiter, key: "shared@x.test" }]).then(
          () => "ok",
          (e) => (e instanceof RateLimitedError ? "limited" : "error"),
        ),
      );
    }
    expect(results).toEqual(["ok", "ok", "ok", "ok", "limited", "limited"]);
    expect(await prisma.cmRateLimit.count({ where: { key: "test-shared:shared@x.test" } })).toBe(1);
  });
});

describe("[SIGN-IN] unknown emails cost as much as known ones", () => {
  it("Carbonmark: an unknown email runs one full bcrypt comparison, like a wrong password for a real account", async () => {
    const user = await ensureCmUser({ email: "timing@carbonmark.test", name: "Timing", password: PASSWORD });
    const known = await bcryptComparisons(() => verifyCredentials({ email: user.email, password: "wrong-password" }));
    const unknown = await bcryptComparisons(async () => {
      expect(await verifyCredentials({ email: "nobody-here@carbonmark.test", password: "wrong-password" })).toBeNull();
    });
    expect(known).toHaveLength(1);
    expect(unknown).toHaveLength(1);
    expect(costOf(unknown[0]!)).toBe(costOf(known[0]!));
  });

  it("ICR: an unknown email runs one full bcrypt comparison, like a wrong password for a real account", async () => {
    await ensureIcrUser({ email: "timing@icr.test", name: "Timing", password: PASSWORD, memberships: [] });
    const known = await bcryptComparisons(() => signInIcrUser("timing@icr.test", "wrong-password"));
    const unknown = await bcryptComparisons(() => signInIcrUser("nobody-here@icr.test", "wrong-password"));
    expect(known).toHaveLength(1);
    expect(unknown).toHaveLength(1);
    expect(costOf(unknown[0]!)).toBe(costOf(known[0]!));
  });
});

describe("[SIGN-UP] an existing email is not revealed", () => {
  it("signing up again with a known email answers exactly like a new one and changes nothing", async () => {
    const first = await signUp({ name: "Owner", email: "taken@carbonmark.test", password: PASSWORD });
    const before = await prisma.cmUser.findUniqueOrThrow({
      where: { email: "taken@carbonmark.test" },
      omit: { passwordHash: false },
    });
    const again = await signUp({ name: "Intruder", email: "taken@carbonmark.test", password: "another-password-2" });
    expect(again).toEqual(first);
    const after = await prisma.cmUser.findUniqueOrThrow({
      where: { email: "taken@carbonmark.test" },
      omit: { passwordHash: false },
    });
    expect(after).toEqual(before);
    expect(await verifyPassword(PASSWORD, after.passwordHash)).toBe(true);
  });
});

describe("[SESSION] sign-out ends the session everywhere", () => {
  const jwt = authOptions.callbacks!.jwt!;
  const session = authOptions.callbacks!.session!;
  type TJwtArgs = Parameters<typeof jwt>[0];

  it("a copied session token stops working after sign-out, and after a PIN change", async () => {
    const user = await ensureCmUser({ email: "copied@carbonmark.test", name: "Copied", password: PASSWORD });
    const signedIn = await verifyCredentials({ email: user.email, password: PASSWORD });
    const token = await jwt({ token: {}, user: signedIn!, account: null } as unknown as TJwtArgs);
    expect(await encode({ token, secret: "s".repeat(32) })).toBeTruthy();
    const copy = structuredClone(token);
    expect(await jwt({ token: copy } as TJwtArgs)).toMatchObject({ sub: user.id });

    await authOptions.events!.signOut!({ token, session: undefined as never });
    const afterSignOut = await jwt({ token: copy } as TJwtArgs);
    expect(afterSignOut.sub).toBeUndefined();
    const s = await session({
      session: { expires: "x", user: { email: user.email } },
      token: afterSignOut,
    } as Parameters<typeof session>[0]);
    expect((s as { user?: unknown }).user).toBeUndefined();

    // Signing in again works; revokeSessions (PIN change) ends that session too.
    const again = await jwt({
      token: {},
      user: (await verifyCredentials({ email: user.email, password: PASSWORD }))!,
      account: null,
    } as unknown as TJwtArgs);
    expect((await jwt({ token: structuredClone(again) } as TJwtArgs)).sub).toBe(user.id);
    await revokeSessions({ userId: user.id });
    expect((await jwt({ token: structuredClone(again) } as TJwtArgs)).sub).toBeUndefined();
  });
});
