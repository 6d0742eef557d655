import { NextResponse } from "next/server";
import { signInChecks } from "@/lib/carbonmark/auth/rate-limits";
import { clientIpFrom } from "@/lib/security/client-ip";
import { sessionCookieName } from "@/lib/carbonmark/auth/session-cookie";
import { limitFailures, RateLimitedError } from "@/lib/security/rate-limit";

/**
 * Wraps next-auth's credentials callback (POST /api/auth/callback/credentials): every attempt is
 * counted per email and per IP before the password is checked; over the limit it answers 429 with
 * Retry-After, in the JSON shape next-auth's signIn() reads, so the form shows the message. A
 * sign-in that succeeds (next-auth sets the session cookie) gives its attempt back: only failures
 * use up the budget, so people who sign in often are never locked out by their own sign-ins.
 */
export async function limitCredentialsSignIn(req: Request, signIn: () => Promise<Response>): Promise<Response> {
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  const email = String(form?.get("email") ?? "").slice(0, 320);
  try {
    return await limitFailures(signInChecks({ email, ip: clientIpFrom(req.headers) }), signIn, startsSession);
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    const url = new URL("/sign-in", req.url);
    url.searchParams.set("error", err.message);
    return NextResponse.json(
      { url: url.toString(), error: err.message },
      { status: 429, headers: { "retry-after": String(err.retryAfterSec) } },
    );
  }
}

function startsSession(res: Response): boolean {
  const name = sessionCookieName();
  return res.headers.getSetCookie().some((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`));
}
