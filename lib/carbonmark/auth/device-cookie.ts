// The `cm_device` cookie: a random id per browser, long-lived, so the browsers an account has
// signed in on can be told apart from everyone else's (OWASP "device cookies"; docs/carbonmark.md,
// "Rate limits"). No database here: proxy.ts hands the cookie out.

export const DEVICE_COOKIE = "cm_device";
/** 400 days, the longest a browser keeps a cookie. */
export const DEVICE_COOKIE_MAX_AGE_SEC = 400 * 24 * 60 * 60;

/** 128 random bits, base64url (22 characters). */
export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function isDeviceId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{22}$/.test(value);
}

/** The device id in a cookie jar (next/headers' cookies() or a NextRequest's), or null when absent or malformed. */
export function deviceIdIn(jar: { get(name: string): { value: string } | undefined }): string | null {
  const value = jar.get(DEVICE_COOKIE)?.value;
  return isDeviceId(value) ? value : null;
}

export function deviceCookieOptions(isHttps: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: isHttps,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SEC,
  };
}

// The sign-in page, next-auth's CSRF token (signIn() fetches it right before it posts) and the
// credentials POST itself: a browser that signs in carries the cookie by the time it posts.
const HANDS_OUT_DEVICE_COOKIE = new Set(["/sign-in", "/api/auth/csrf", "/api/auth/callback/credentials"]);

/** Should this response give the browser a device cookie (it has none, or a malformed one)? */
export function needsDeviceCookie(req: {
  nextUrl: { pathname: string };
  cookies: { get(name: string): { value: string } | undefined };
}): boolean {
  return HANDS_OUT_DEVICE_COOKIE.has(req.nextUrl.pathname) && deviceIdIn(req.cookies) === null;
}
