// Sign-in sessions of ICR web users (org admins and members): an opaque id in an httpOnly
// cookie, the session row in icr_session. Separate from Carbonmark's next-auth session.
import "server-only";
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto/password";
import { isHttpsRequest } from "@/lib/security/client-ip";
import { safeRelativeRedirect } from "@/lib/security/safe-redirect";

const COOKIE = "icr_session";
const TTL_MS = 8 * 60 * 60 * 1000;

export type TIcrSessionUser = {
  id: string;
  email: string;
  name: string;
  memberships: { organizationId: string; role: "admin" | "member"; organization: { id: string; fullName: string } }[];
};

/** The sign-in form: the page to return to is checked by `safeReturnTo`. */
export const ZIcrSignIn = z.object({
  email: z.string().trim().max(254).email("Enter the email address of your ICR account"),
  password: z.string().min(1, "Enter your password").max(200),
  returnTo: z.string().max(2000).optional(),
});

/** Checks the password; on success opens a session (sets the cookie) and returns the user id. */
export async function signInIcrUser(email: string, password: string): Promise<string | null> {
  const user = await prisma.icrUser.findUnique({
    where: { email: email.trim().toLowerCase() },
    omit: { passwordHash: false },
  });
  // Unknown emails cost one real bcrypt comparison too, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok) return null;
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + TTL_MS);
  await prisma.icrSession.create({ data: { id, userId: user.id, expiresAt } });
  const secure = isHttpsRequest(await headers());
  (await cookies()).set(COOKIE, id, { httpOnly: true, sameSite: "lax", path: "/icr", expires: expiresAt, secure });
  return user.id;
}

export async function signOutIcrUser(): Promise<void> {
  const jar = await cookies();
  const id = jar.get(COOKIE)?.value;
  if (id) await prisma.icrSession.deleteMany({ where: { id } });
  jar.delete({ name: COOKIE, path: "/icr" });
}

/** This browser's session id (the cookie's value), for keeping it when the others end. Never send it to a page. */
export async function currentIcrSessionId(): Promise<string | undefined> {
  return (await cookies()).get(COOKIE)?.value;
}

export async function getIcrUser(): Promise<TIcrSessionUser | null> {
  const id = (await cookies()).get(COOKIE)?.value;
  if (!id) return null;
  const session = await prisma.icrSession.findUnique({
    where: { id },
    include: {
      user: { include: { memberships: { include: { organization: { select: { id: true, fullName: true } } } } } },
    },
  });
  if (!session || session.expiresAt <= new Date()) return null;
  const { user } = session;
  return { id: user.id, email: user.email, name: user.name, memberships: user.memberships };
}

/** The signed-in ICR user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireIcrUser(returnTo: string): Promise<TIcrSessionUser> {
  const user = await getIcrUser();
  if (!user) redirect(`/icr/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  return user;
}

/** Only same-origin ICR paths are followed after sign-in (same check as Carbonmark's, under /icr). */
export function safeReturnTo(value: string | null | undefined): string {
  return safeRelativeRedirect(value, { fallback: "/icr", pathPrefix: "/icr" });
}
