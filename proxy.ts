import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import {
  deviceCookieOptions,
  DEVICE_COOKIE,
  needsDeviceCookie,
  newDeviceId,
} from "@/lib/carbonmark/auth/device-cookie";
import { config as appConfig } from "@/lib/config";
import { isHttpsRequest } from "@/lib/security/client-ip";
import { newNonce, routeKind, securityHeaders } from "@/lib/security/security-headers";

// Carbonmark pages that need a session; the pages check it again on the server (this only redirects early).
const SIGNED_IN_PREFIXES = ["/portfolio", "/activity", "/import", "/export", "/settings", "/wallet", "/connect"];

function needsSession(pathname: string): boolean {
  return SIGNED_IN_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

// Every request: security headers (a fresh CSP nonce for pages); Carbonmark pages: early sign-in redirect.
export async function proxy(req: NextRequest) {
  const kind = routeKind(req.nextUrl.pathname);
  const nonce = kind === "page" ? newNonce() : undefined;
  const isHttps = isHttpsRequest(req.headers);
  const headers = securityHeaders({ kind, nonce, isDev: process.env.NODE_ENV === "development", isHttps });

  // Server actions answer for themselves with a typed "session expired" error the form can show.
  if (
    needsSession(req.nextUrl.pathname) &&
    !req.headers.has("next-action") &&
    !(await getToken({ req, secret: appConfig().NEXTAUTH_SECRET }))
  ) {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
    return withHeaders(NextResponse.redirect(url), headers);
  }

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(req.headers);
  if (nonce) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
  }
  const res = withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
  // Where Carbonmark sign-in happens, a browser without one gets its device cookie (device-cookie.ts).
  if (needsDeviceCookie(req)) res.cookies.set(DEVICE_COOKIE, newDeviceId(), deviceCookieOptions(isHttps));
  return res;
}

function withHeaders(res: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

// Everything but build assets: files under /_next/static/ and the image optimizer (those get their
// headers from next.config.ts). Both are matched exactly: a prefix such as "/favicon.ico" or
// "/_next/static" without its slash also skipped paths like /favicon.icoX, whose HTML 404 then went
// out with no security header at all.
export const config = { matcher: ["/((?!_next/static/|_next/image$).*)"] };
