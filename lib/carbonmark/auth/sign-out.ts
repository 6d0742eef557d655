import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import { isCurrentSession, revokeSessions } from "@/lib/carbonmark/auth/revoke-sessions";
import { sessionCookieName } from "@/lib/carbonmark/auth/session-cookie";
import { logger } from "@/lib/log/logger";

/** Sign-out ends every session of the user, so a copied cookie stops working too (next-auth's events.signOut). */
export async function endSessionsOnSignOut(token: { sub?: string; sv?: unknown } | null | undefined) {
  if (token?.sub && (await isCurrentSession(token))) await revokeSessions({ userId: token.sub });
}

/**
 * Signs this browser out as next-auth's POST /api/auth/signout does: the session cookie (all of its
 * chunks) is read and decoded, the sign-out event runs, and the cookie is cleared. For a server
 * action, so the header's sign-out is a plain form that works before and without JavaScript.
 */
export async function signOutThisBrowser(): Promise<void> {
  const jar = await cookies();
  const name = sessionCookieName();
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(name))
    .sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name));
  const sessionToken = chunks.map((c) => c.value).join("");
  if (!sessionToken) return;
  try {
    await endSessionsOnSignOut(await decode({ token: sessionToken, secret: config().NEXTAUTH_SECRET }));
  } catch (err) {
    // next-auth logs SIGNOUT_ERROR and still clears the cookie.
    logger.error({ err }, "carbonmark sign-out: ending the sessions failed");
  }
  for (const c of chunks)
    jar.set(c.name, "", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name.startsWith("__Secure-"),
      maxAge: 0,
    });
}

const chunkIndex = (cookieName: string) => parseInt(cookieName.split(".").pop() ?? "0") || 0;
