// Attacks on the sign-in budgets: repeated form fields, requests that fail CSRF, one IPv6 /64
// posing as many clients, and strangers locking the owner out (known devices).
import { createHash, randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { actionErrorMessage } from "@/lib/actions/action-result";
import { authOptions } from "@/lib/carbonmark/auth/auth-options";
import { newDeviceId } from "@/lib/carbonmark/auth/device-cookie";
import { hashDeviceId, readDeviceId, rememberDevice } from "@/lib/carbonmark/auth/known-devices";
import { limitCredentialsSignIn } from "@/lib/carbonmark/auth/limit-sign-in";
import { onSignedIn } from "@/lib/carbonmark/auth/on-signed-in";
import { verifyCredentials } from "@/lib/carbonmark/auth/verify-credentials";
import { prisma } from "@/lib/db";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureIcrUser } from "@/lib/seed/registry-factories";

// next/headers inside next-auth's callbacks and server actions: the request being handled.
const scope = vi.hoisted(() => ({ current: null as Request | null }));
vi.mock("next/headers", () => {
  const current = () => {
    if (!scope.current) throw new Error("called outside a request scope");
    return new NextRequest(scope.current.url, { headers: scope.current.headers });
  };
  return { headers: async () => current().headers, cookies: async () => current().cookies };
});
vi.mock("@/lib/carbonmark/auth/on-signed-in", () => ({ onSignedIn: vi.fn(async () => undefined) }));

const PASSWORD = "the-right-password-1";
const secret = () => process.env.NEXTAUTH_SECRET!;

type TFields = [string, string][];
const flipFirst = (hex: string) => (hex[0] === "0" ? "1" : "0") + hex.slice(1);
type TClient = { ip: string; deviceId?: string; userAgent?: string; csrf?: "valid" | "none" | "bad-hash" | "mismatch" };

/** A browser's POST to next-auth's credentials callback, with next-auth's CSRF cookie and field unless told otherwise. */
function credentialsRequest(fields: TFields, client: TClient) {
  const token = randomBytes(32).toString("hex");
  const hash = createHash("sha256").update(`${token}${secret()}`).digest("hex");
  const cookies: string[] = [];
  const csrf = client.csrf ?? "valid";
  if (csrf !== "none") cookies.push(`next-auth.csrf-token=${token}|${csrf === "bad-hash" ? flipFirst(hash) : hash}`);
  if (client.deviceId) cookies.push(`cm_device=${client.deviceId}`);
  const body = new URLSearchParams(fields);
  if (csrf !== "none" && !fields.some(([k]) => k === "csrfToken"))
    body.append("csrfToken", csrf === "mismatch" ? flipFirst(token) : token);
  return new Request("http://127.0.0.1:3999/api/auth/callback/credentials", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": client.ip,
      "user-agent": client.userAgent ?? "vitest-browser",
      ...(cookies.length ? { cookie: cookies.join("; ") } : {}),
    },
    body,
  });
}

let nextAuthCalls = 0;
/**
 * Stands in for next-auth's handler: reads the body as next-auth does (utils.getBody: the last value
 * of a field), asks the provider's authorize, and on success sets the session cookie and fires the
 * signIn event inside the request (which records the device).
 */
async function nextAuthStandIn(req: Request): Promise<Response> {
  nextAuthCalls++;
  const body = Object.fromEntries(new URLSearchParams(await req.text()));
  const user = await verifyCredentials(body);
  if (!user) return Response.json({ url: "http://127.0.0.1:3999/sign-in?error=CredentialsSignin" }, { status: 401 });
  scope.current = req;
  try {
    await authOptions.events?.signIn?.({ user, account: null });
  } finally {
    scope.current = null;
  }
  return Response.json(
    { url: "http://127.0.0.1:3999/portfolio" },
    { headers: { "set-cookie": "next-auth.session-token=abc; Path=/; HttpOnly" } },
  );
}

function post(fields: TFields, client: TClient) {
  return limitCredentialsSignIn(credentialsRequest(fields, client), () =>
    nextAuthStandIn(credentialsRequest(fields, client)),
  );
}

/** One sign-in attempt as next-auth's signIn() posts it (json mode). */
async function attempt(email: string, password: string, client: TClient): Promise<number> {
  const res = await post(
    [
      ["email", email],
      ["password", password],
      ["json", "true"],
    ],
    client,
  );
  return res.status;
}

const rateLimitRows = () => prisma.cmRateLimit.count();

beforeEach(() => {
  nextAuthCalls = 0;
  vi.mocked(onSignedIn).mockClear();
});

describe("[CSRF] a request that fails next-auth's CSRF check writes nothing", () => {
  it("100 requests without a valid CSRF pair: refused as next-auth refuses them, cm_rate_limit stays empty", async () => {
    const user = await ensureCmUser({ email: "csrf@carbonmark.test", name: "Csrf", password: PASSWORD });
    const kinds = ["none", "bad-hash", "mismatch"] as const;
    const answers: Response[] = [];
    for (let i = 0; i < 100; i++) {
      const fields: TFields = [
        ["email", i % 2 ? user.email : `someone-${i}@carbonmark.test`],
        ["password", i % 5 === 0 ? PASSWORD : `wrong-${i}`],
      ];
      if (i % 4 !== 3) fields.push(["json", "true"]);
      if (i % 10 === 9) fields.push(["csrfToken", ""]); // an empty token with no cookie
      answers.push(await post(fields, { ip: `198.51.100.${i % 3}`, csrf: kinds[i % 3], deviceId: newDeviceId() }));
    }
    expect(await rateLimitRows()).toBe(0);
    expect(nextAuthCalls).toBe(0);
    for (const [i, res] of answers.entries()) {
      if (i % 4 !== 3) {
        expect(res.status).toBe(403);
        const body = (await res.json()) as { url: string; error: string };
        expect(body.error).toBe("This sign-in form has expired. Reload the page and sign in again.");
        expect(new URL(body.url).pathname).toBe("/sign-in");
        expect(new URL(body.url).searchParams.get("csrf")).toBe("true");
        expect(new URL(body.url).searchParams.get("error")).toBe(body.error);
      } else {
        expect(res.status).toBe(302);
        expect(res.headers.get("location")).toBe("http://127.0.0.1:3999/sign-in?csrf=true");
      }
    }
    // The same request with the pair next-auth handed out goes through (and is counted).
    expect(await attempt(user.email, PASSWORD, { ip: "198.51.100.3" })).toBe(200);
  });
});

describe("[SIGN-IN] a repeated form field is refused before anything else", () => {
  it("email twice (a decoy first, the victim last) 11 times: 400 each, nothing counted, next-auth never asked", async () => {
    const victim = await ensureCmUser({ email: "victim@carbonmark.test", name: "Victim", password: PASSWORD });
    const before = await rateLimitRows();
    for (let i = 0; i < 12; i++) {
      const res = await post(
        [
          ["email", `decoy-${i}@carbonmark.test`],
          ["email", victim.email],
          ["password", i < 11 ? `wrong-password-${i}` : PASSWORD],
          ["json", "true"],
        ],
        { ip: "203.0.113.40" },
      );
      expect(res.status).toBe(400);
      const body = (await res.json()) as { url: string; error: string };
      expect(body.error).toBe('The field "email" was sent more than once.');
      expect(new URL(body.url).searchParams.get("error")).toBe(body.error);
    }
    expect(nextAuthCalls).toBe(0);
    expect(await rateLimitRows()).toBe(before);
  });

  it("any other repeated field is refused the same way, and a JSON or multipart body with 415", async () => {
    const client = { ip: "203.0.113.41" };
    for (const field of ["password", "csrfToken", "json", "callbackUrl", "redirect"]) {
      const fields: TFields = [
        ["email", "victim@carbonmark.test"],
        ["password", "wrong-password"],
        [field, "one"],
        [field, "two"],
      ];
      const res = await post(fields, client);
      expect(res.status, field).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe(`The field "${field}" was sent more than once.`);
    }
    for (const type of ["application/json", "multipart/form-data; boundary=x", "text/plain"]) {
      const req = new Request("http://127.0.0.1:3999/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": type, "x-forwarded-for": client.ip },
        body: JSON.stringify({ email: "victim@carbonmark.test", password: "x" }),
      });
      const res = await limitCredentialsSignIn(req, () => nextAuthStandIn(req));
      expect(res.status, type).toBe(415);
    }
    expect(nextAuthCalls).toBe(0);
  });

  it("the account's budget is the account next-auth signs in with: however the email is written", async () => {
    const user = await ensureCmUser({ email: "spelled@carbonmark.test", name: "Spelled", password: PASSWORD });
    const spellings = [" Spelled@Carbonmark.test", "SPELLED@CARBONMARK.TEST ", "spelled@carbonmark.test"];
    for (let i = 0; i < 10; i++)
      expect(await attempt(spellings[i % 3]!, `wrong-password-${i}`, { ip: `203.0.113.${100 + i}` })).toBe(401);
    expect(await attempt(user.email, PASSWORD, { ip: "203.0.113.120" })).toBe(429);
  });
});

describe("[IPv6] every address of one /64 is one client", () => {
  it("52 attempts from 52 addresses of one /64: refused after 50; another /64 is not affected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++) {
      const suffix = randomBytes(8).toString("hex").match(/.{4}/g)!.join(":");
      const ip =
        i % 3 === 0
          ? `2001:db8:7:7:${suffix}`
          : i % 3 === 1
            ? `2001:0DB8:0007:0007:${suffix}`
            : `2001:db8:7:7::${i}%eth0`;
      statuses.push(await attempt(`v6-${i}@carbonmark.test`, "whatever-password", { ip }));
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50)).toEqual([429, 429]);
    expect(await attempt("v6-0@carbonmark.test", "whatever-password", { ip: "2001:db8:7:8::1" })).toBe(401);
  });

  it("an IPv4 client is one client whether it arrives as IPv4 or IPv4-mapped IPv6", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) {
      const ip = i % 2 ? "192.0.2.70" : "::ffff:192.0.2.70";
      statuses.push(await attempt(`mapped-${i}@carbonmark.test`, "whatever-password", { ip }));
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses[50]).toBe(429);
  });
});

describe("[ORDER] the IP's budget is counted first", () => {
  it("an attempt refused for its IP uses up none of the account's budget", async () => {
    const user = await ensureCmUser({ email: "order@carbonmark.test", name: "Order", password: PASSWORD });
    for (let i = 0; i < 50; i++)
      expect(await attempt(`order-${i}@carbonmark.test`, "whatever-password", { ip: "192.0.2.80" })).toBe(401);
    for (let i = 0; i < 5; i++)
      expect(await attempt(user.email, `wrong-password-${i}`, { ip: "192.0.2.80" })).toBe(429);
    // From elsewhere the account still has all 10 attempts.
    for (let i = 0; i < 10; i++)
      expect(await attempt(user.email, `wrong-password-${i}`, { ip: "192.0.2.81" })).toBe(401);
    expect(await attempt(user.email, PASSWORD, { ip: "192.0.2.81" })).toBe(429);
  });
});

describe("[DEVICES] strangers cannot lock the owner out of a browser the owner signed in on", () => {
  it("a stranger's 15 failed attempts lock unknown browsers; the owner's known browser still signs in", async () => {
    const owner = await ensureCmUser({ email: "owner@carbonmark.test", name: "Owner", password: PASSWORD });
    const other = await ensureCmUser({ email: "other@carbonmark.test", name: "Other", password: PASSWORD });
    const ownerBrowser = { ip: "203.0.113.60", deviceId: newDeviceId() };
    const othersBrowser = { ip: "203.0.113.61", deviceId: newDeviceId() };
    expect(await attempt(owner.email, PASSWORD, ownerBrowser)).toBe(200);
    expect(await attempt(other.email, PASSWORD, othersBrowser)).toBe(200);

    // The stranger: its own device cookie, none, or a made-up one; from several addresses.
    const strangerStatuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const deviceId = i % 3 === 0 ? undefined : newDeviceId();
      strangerStatuses.push(await attempt(owner.email, `guess-${i}`, { ip: `198.51.100.${60 + i}`, deviceId }));
    }
    expect(strangerStatuses).toEqual([...Array<number>(10).fill(401), ...Array<number>(5).fill(429)]);

    expect(await attempt(owner.email, PASSWORD, ownerBrowser)).toBe(200);
    // Any browser the owner has not signed in on is locked: a new one, and one known for another account.
    expect(await attempt(owner.email, PASSWORD, { ip: "203.0.113.62", deviceId: newDeviceId() })).toBe(429);
    expect(await attempt(owner.email, PASSWORD, othersBrowser)).toBe(429);
    expect(await attempt(owner.email, PASSWORD, { ip: "203.0.113.63" })).toBe(429);
  });

  it("the owner's known browser guessing wrong 10 times locks only itself", async () => {
    const owner = await ensureCmUser({ email: "forgetful@carbonmark.test", name: "Forgetful", password: PASSWORD });
    const laptop = { ip: "203.0.113.70", deviceId: newDeviceId() };
    expect(await attempt(owner.email, PASSWORD, laptop)).toBe(200);
    for (let i = 0; i < 10; i++) expect(await attempt(owner.email, `forgot-${i}`, laptop)).toBe(401);
    expect(await attempt(owner.email, PASSWORD, laptop)).toBe(429);
    // Another browser (the account's budget for everyone else was not touched) signs in.
    expect(await attempt(owner.email, PASSWORD, { ip: "203.0.113.71", deviceId: newDeviceId() })).toBe(200);
  });

  it("a sign-in records the browser by the hash of its cookie, and says whether it is new", async () => {
    const user = await ensureCmUser({ email: "devices@carbonmark.test", name: "Devices", password: PASSWORD });
    const deviceId = newDeviceId();
    const userAgent = `Mozilla/5.0 ${"x".repeat(300)}`;
    expect(await attempt(user.email, PASSWORD, { ip: "203.0.113.80", deviceId, userAgent })).toBe(200);
    const [first] = await prisma.cmKnownDevice.findMany({ where: { userId: user.id } });
    expect(first).toMatchObject({ deviceIdHash: hashDeviceId(deviceId), userAgent: userAgent.slice(0, 200) });
    expect(JSON.stringify(first)).not.toContain(deviceId);
    expect(await prisma.cmRateLimit.count({ where: { key: { contains: deviceId.toLowerCase() } } })).toBe(0);
    expect(vi.mocked(onSignedIn)).toHaveBeenLastCalledWith({
      userId: user.id,
      isNewDevice: true,
      userAgent: userAgent.slice(0, 200),
    });

    expect(await attempt(user.email, PASSWORD, { ip: "203.0.113.80", deviceId, userAgent: "Firefox" })).toBe(200);
    const again = await prisma.cmKnownDevice.findMany({ where: { userId: user.id } });
    expect(again).toHaveLength(1);
    expect(again[0]!.firstSeenAt).toEqual(first!.firstSeenAt);
    expect(again[0]!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(first!.lastSeenAt.getTime());
    expect(again[0]!.userAgent).toBe("Firefox");
    expect(vi.mocked(onSignedIn)).toHaveBeenLastCalledWith({
      userId: user.id,
      isNewDevice: false,
      userAgent: "Firefox",
    });

    // No device cookie: a new device, nothing recorded.
    expect(await attempt(user.email, PASSWORD, { ip: "203.0.113.80" })).toBe(200);
    expect(vi.mocked(onSignedIn)).toHaveBeenLastCalledWith(expect.objectContaining({ isNewDevice: true }));
    expect(await prisma.cmKnownDevice.count({ where: { userId: user.id } })).toBe(1);

    expect(await rememberDevice({ userId: user.id, deviceId, userAgent: "" })).toEqual({ isNew: false });
    expect(await rememberDevice({ userId: user.id, deviceId: newDeviceId(), userAgent: "" })).toEqual({ isNew: true });
    expect(await readDeviceId()).toBeNull(); // outside a request
  });
});

describe("[ICR] the sandbox's sign-in action", () => {
  async function icrSignIn(input: Record<string, unknown>, ip: string): Promise<string> {
    const { signInAction } = await import("@/app/icr/sign-in/actions");
    scope.current = new Request("http://127.0.0.1:3999/icr/sign-in", { headers: { "x-forwarded-for": ip } });
    try {
      // The action's input as any caller may send it; the schema decides what it accepts.
      const result = await signInAction(input as { email: string; password: string });
      return result.data ? "signed in" : (actionErrorMessage(result) ?? "?");
    } finally {
      scope.current = null;
    }
  }

  const fields = (email: string, password: string) => ({ email, password });

  it("a field sent twice (a list where one value belongs) is refused and counts nothing", async () => {
    const admin = await ensureIcrUser({ email: "twice@icr.test", name: "Twice", password: PASSWORD, memberships: [] });
    const before = await prisma.icrRateLimit.count();
    const twice = { email: ["decoy@icr.test", admin.email], password: "wrong" };
    expect(await icrSignIn(twice, "192.0.2.90")).toMatch(/expected string/);
    expect(await prisma.icrRateLimit.count()).toBe(before);
  });

  it("every address of one IPv6 /64 is one client", async () => {
    const answers: string[] = [];
    for (let i = 0; i < 51; i++)
      answers.push(await icrSignIn(fields(`nobody-${i}@icr.test`, "wrong"), `2001:db8:9:9::${(i + 1).toString(16)}`));
    expect(answers.slice(0, 50).every((a) => a === "Wrong email or password")).toBe(true);
    expect(answers[50]).toMatch(/^Too many attempts/);
    expect(await icrSignIn(fields("nobody-0@icr.test", "wrong"), "2001:db8:9:a::1")).toBe("Wrong email or password");
  });

  it("an attempt refused for its IP uses up none of the account's budget", async () => {
    const admin = await ensureIcrUser({ email: "order@icr.test", name: "Order", password: PASSWORD, memberships: [] });
    for (let i = 0; i < 50; i++) await icrSignIn(fields(`order-${i}@icr.test`, "wrong"), "192.0.2.92");
    for (let i = 0; i < 5; i++)
      expect(await icrSignIn(fields(admin.email, "wrong"), "192.0.2.92")).toMatch(/^Too many/);
    for (let i = 0; i < 10; i++)
      expect(await icrSignIn(fields(admin.email, "wrong"), "192.0.2.93")).toBe("Wrong email or password");
    expect(await icrSignIn(fields(admin.email, PASSWORD), "192.0.2.93")).toMatch(/^Too many attempts/);
  });
});

describe("[PASSKEY] the password step of a passkey sign-in", () => {
  const answer = (error: string) => () =>
    Promise.resolve(Response.json({ url: `http://127.0.0.1:3999/sign-in?error=${error}` }, { status: 401 }));
  const tryWith = (client: TClient, error: string) =>
    limitCredentialsSignIn(
      credentialsRequest(
        [
          ["email", "passkey-owner@carbonmark.test"],
          ["password", "right"],
          ["json", "true"],
        ],
        client,
      ),
      answer(error),
    ).then((r) => r.status);

  it("a right password that needs the passkey is given back; a failed passkey counts", async () => {
    const client: TClient = { ip: "198.51.100.77" };
    const required = [];
    for (let i = 0; i < 15; i++) required.push(await tryWith(client, "passkey_required"));
    expect(required.every((s) => s === 401)).toBe(true);
    const failed = [];
    for (let i = 0; i < 11; i++) failed.push(await tryWith(client, "passkey_failed"));
    expect(failed.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(failed[10]).toBe(429);
  });
});
