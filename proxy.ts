import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Carbonmark pages need a session; the pages check it again on the server (this only redirects early).
export async function proxy(req: NextRequest) {
  // Server actions answer for themselves with a typed "session expired" error the form can show.
  if (req.headers.has("next-action")) return NextResponse.next();
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/portfolio/:path*", "/import/:path*", "/export/:path*", "/settings/:path*", "/wallet/:path*", "/connect/:path*", "/activity/:path*"] };
