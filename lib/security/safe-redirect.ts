// One check for every "where to go after sign-in" parameter (Carbonmark callbackUrl / next, ICR returnTo).
// Browsers strip tabs and newlines inside URLs and treat "\" like "/", so "/\t/evil.com" or
// "/%09/evil.com" (once decoded by some layer) become "//evil.com". We therefore parse the value as
// a browser would, against our own origin, require the result to stay on that origin, and also refuse
// anything whose path, decoded up to three times, contains control characters, backslashes or "//".

const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;

function decodeRepeatedly(value: string): string | null {
  let current = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** A path (no query) that is, or decodes to, something a browser could read as another host. */
function isSuspiciousPath(path: string): boolean {
  const decoded = decodeRepeatedly(path);
  return decoded === null || CONTROL_OR_BACKSLASH.test(decoded) || decoded.includes("//");
}

/** The origin relative targets are resolved against when the caller gives none. */
const RESOLVE_BASE = "http://app.invalid";

/**
 * A same-origin path ("/portfolio?x=1#y") for a user-supplied redirect target, or `fallback`.
 * The target is resolved against `origin` (any fixed origin will do: only the path is returned, and
 * a target that leaves that origin is refused); `pathPrefix` narrows the allowed paths (e.g. "/icr").
 */
export function safeRelativeRedirect(
  value: string | null | undefined,
  opts: { fallback: string; origin?: string; pathPrefix?: string },
): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2000) return opts.fallback;
  if (CONTROL_OR_BACKSLASH.test(value) || isSuspiciousPath(value.split(/[?#]/, 1)[0]!)) return opts.fallback;
  const base = new URL(opts.origin ?? RESOLVE_BASE);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return opts.fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return opts.fallback;
  if (isSuspiciousPath(url.pathname)) return opts.fallback;
  const prefix = opts.pathPrefix;
  if (prefix && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return opts.fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
