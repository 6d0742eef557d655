import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { config, configValue } from "@/lib/config";

export const SESSION_MAX_AGE_SEC = 8 * 60 * 60;

/** next-auth's cookie name: the `__Secure-` one when the app is served over https. */
export function sessionCookieName(): string {
  const url = configValue("NEXTAUTH_URL") ?? configValue("APP_URL");
  return url.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/**
 * After revokeSessions, keeps the browser that made the change signed in: a fresh session JWT with
 * the new version replaces its cookie (every other copy of the old cookie stays refused).
 */
export async function reissueSession(opts: {
  user: { id: string; email: string; name: string };
  sessionVersion: number;
}) {
  const token = await encode({
    secret: config().NEXTAUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SEC,
    token: { sub: opts.user.id, email: opts.user.email, name: opts.user.name, sv: opts.sessionVersion },
  });
  const name = sessionCookieName();
  (await cookies()).set(name, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge: SESSION_MAX_AGE_SEC,
  });
}

/**
 * The name of next-auth's CSRF cookie for this request, decided as next-auth decides it: the
 * `__Host-` one when next-auth's origin (NEXTAUTH_URL, or the request's host and protocol when
 * AUTH_TRUST_HOST / VERCEL is set) is https.
 */
export function csrfCookieName(headers: Headers): string {
  const trustHost = configValue("VERCEL") ?? configValue("AUTH_TRUST_HOST");
  const origin =
    configValue("NEXTAUTH_URL") ??
    (trustHost ? `${headers.get("x-forwarded-proto") === "http" ? "http" : "https"}://` : "");
  return origin.startsWith("https://") ? "__Host-next-auth.csrf-token" : "next-auth.csrf-token";
}
