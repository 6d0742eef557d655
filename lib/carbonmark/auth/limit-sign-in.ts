import { config } from "@/lib/config";
import { createHash, timingSafeEqual } from "node:crypto";
import { NextRequest, NextResponse } from "next/server";
import { deviceIdIn } from "@/lib/carbonmark/auth/device-cookie";
import { hashDeviceId, knownDeviceAccount } from "@/lib/carbonmark/auth/known-devices";
import { signInChecks } from "@/lib/carbonmark/auth/rate-limits";
import { csrfCookieName, sessionCookieName } from "@/lib/carbonmark/auth/session-cookie";
import { ZSignIn } from "@/lib/carbonmark/auth/verify-credentials";
import { clientIpFrom } from "@/lib/security/client-ip";
import { firstRepeatedField } from "@/lib/security/form-fields";
import { limitFailures, RateLimitedError } from "@/lib/security/rate-limit";
import { SIGN_IN_STEP } from "@/lib/carbonmark/passkeys/sign-in-steps";

/**
 * Wraps next-auth's credentials callback (POST /api/auth/callback/credentials). In this order:
 * 1. the form must be urlencoded (what next-auth's signIn() sends) with every field once (400
 *    otherwise: next-auth would sign in with a field's last value, and the budget must count that);
 * 2. next-auth's CSRF double-submit token must be right (as next-auth checks it), else it is
 *    refused like next-auth refuses it, and nothing is written;
 * 3. the attempt is counted on the client IP's budget, then on the account's: this browser's own
 *    budget when the account has signed in on it before (a known device), else the budget every
 *    other client shares. Over a limit: 429 with Retry-After.
 * Refusals answer in the JSON shape next-auth's signIn() reads ({ url with ?error=, error }). A
 * sign-in that succeeds (next-auth sets the session cookie) gives its attempt back: only failures
 * use up the budget.
 */
export async function limitCredentialsSignIn(req: Request, signIn: () => Promise<Response>): Promise<Response> {
  const form = await readSignInForm(req);
  if ("error" in form) return refusal(req, form.status, form.error);
  const fields = form.fields;
  if (!isCsrfTokenVerified(req, fields.csrfToken)) {
    if (fields.json === "true") return refusal(req, 403, CSRF_MESSAGE, { csrf: "true" });
    return NextResponse.redirect(signInUrl(req, { csrf: "true" }), 302);
  }

  const email = signInIdentity(fields.email);
  const deviceId = deviceIdIn(cookiesOf(req));
  const userId = deviceId && email ? await knownDeviceAccount({ email, deviceId }) : null;
  const knownDevice = userId && deviceId ? { userId, deviceIdHash: hashDeviceId(deviceId) } : null;
  try {
    const checks = signInChecks({ email, ip: clientIpFrom(req.headers), knownDevice });
    const answered = await limitFailures(
      checks,
      async () => {
        const res = await signIn();
        return { res, passed: startsSession(res) || (await answerError(res)) === SIGN_IN_STEP.passkeyRequired };
      },
      (a) => a.passed,
    );
    return answered.res;
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    return refusal(req, 429, err.message, {}, { "retry-after": String(err.retryAfterSec) });
  }
}

const CSRF_MESSAGE = "This sign-in form has expired. Reload the page and sign in again.";
const FORM_TYPE = "application/x-www-form-urlencoded";

/** The posted fields as next-auth reads them (utils.getBody), refused when a field repeats. */
async function readSignInForm(
  req: Request,
): Promise<{ fields: Record<string, string> } | { status: 400 | 415; error: string }> {
  const type = req.headers.get("content-type") ?? "";
  // next-auth parses a body whose type mentions JSON as JSON, and ignores any other non-form body.
  if (type.includes("application/json") || !type.includes(FORM_TYPE))
    return { status: 415, error: `Send the sign-in form as ${FORM_TYPE}.` };
  const params = new URLSearchParams(await req.clone().text());
  const repeated = firstRepeatedField(params.keys());
  if (repeated !== undefined)
    return { status: 400, error: `The field "${repeated.slice(0, 40)}" was sent more than once.` };
  return { fields: Object.fromEntries(params) };
}

/** The account next-auth signs in with, normalized as verifyCredentials normalizes it. */
export function signInIdentity(email: unknown): string {
  const parsed = ZSignIn.shape.email.safeParse(email);
  const identity = parsed.success
    ? parsed.data
    : String(email ?? "")
        .trim()
        .toLowerCase();
  return identity.slice(0, 320);
}

/**
 * next-auth's CSRF check (core/lib/csrf-token.js): its cookie holds `<token>|<sha256(token + secret)>`
 * and the form's csrfToken must be that token.
 */
function isCsrfTokenVerified(req: Request, bodyToken: string | undefined): boolean {
  const secret = config().NEXTAUTH_SECRET;
  const cookie = cookiesOf(req).get(csrfCookieName(req.headers))?.value;
  if (!secret || !cookie || bodyToken === undefined) return false;
  const [token = "", hash = ""] = cookie.split("|");
  const expected = createHash("sha256").update(`${token}${secret}`).digest("hex");
  return equalStrings(hash, expected) && equalStrings(token, bodyToken);
}

function equalStrings(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The request's cookies, parsed as next/headers' cookies() parses them. */
function cookiesOf(req: Request): NextRequest["cookies"] {
  return new NextRequest(req.url, { headers: req.headers }).cookies;
}

function signInUrl(req: Request, params: Record<string, string>): URL {
  const url = new URL("/sign-in", req.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url;
}

function refusal(
  req: Request,
  status: number,
  error: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): Response {
  const url = signInUrl(req, { ...params, error });
  return NextResponse.json({ url: url.toString(), error }, { status, headers });
}

/**
 * next-auth's `error` in its answer (the redirect's Location, or `url` in JSON mode). A right
 * password that must be followed by a passkey (`passkey_required`) is not a failure: it is given
 * back like a sign-in, so a passkey user is never locked out by signing in; a failed passkey or
 * recovery code still counts.
 */
async function answerError(res: Response): Promise<string | null> {
  const fromUrl = (raw: string | null | undefined) => {
    try {
      return raw ? new URL(raw, "http://x").searchParams.get("error") : null;
    } catch {
      return null;
    }
  };
  const location = fromUrl(res.headers.get("location"));
  if (location) return location;
  if (!res.headers.get("content-type")?.includes("json")) return null;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { url?: string } | null;
  return fromUrl(body?.url);
}

function startsSession(res: Response): boolean {
  const name = sessionCookieName();
  return res.headers.getSetCookie().some((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`));
}
