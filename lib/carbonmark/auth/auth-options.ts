import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordSignInDevice } from "@/lib/carbonmark/auth/known-devices";
import { revokeSessions } from "@/lib/carbonmark/auth/revoke-sessions";
import { SESSION_MAX_AGE_SEC } from "@/lib/carbonmark/auth/session-cookie";
import { verifyCredentials } from "@/lib/carbonmark/auth/verify-credentials";
import { requireSecondFactor } from "@/lib/carbonmark/passkeys/second-factor";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";
import { prisma } from "@/lib/db";

/** Is this token's session still valid (the user exists and has not revoked sessions since)? */
async function isCurrent(token: { sub?: string; sv?: unknown }): Promise<boolean> {
  if (!token.sub || typeof token.sv !== "number") return false;
  const user = await prisma.cmUser
    .findUnique({ where: { id: token.sub }, select: { sessionVersion: true } })
    .catch(() => null);
  return user?.sessionVersion === token.sv;
}

/** next-auth: email + password, JWT sessions of 8 hours that sign-out and PIN/password changes revoke. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // Passkeys: after the right password, an account with a passkey also needs one (or a recovery code).
      authorize: async (credentials) => requireSecondFactor(await verifyCredentials(credentials), credentials),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      }
      // A revoked session keeps no identity (the cookie is rewritten without it).
      if (!(await isCurrent(token))) return { revoked: true };
      return token;
    },
    session({ session, token }) {
      if (!token.sub) return { expires: session.expires };
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
    redirect({ url, baseUrl }) {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
      return `${baseUrl}${safeRedirectPath(path, "/")}`;
    },
  },
  events: {
    // This browser is remembered for the user (rate limits, new-device notices) and on-signed-in.ts runs.
    signIn: ({ user }) => recordSignInDevice(user.id),
    // Sign-out ends every session of the user, so a copied cookie stops working too.
    async signOut({ token }) {
      if (token?.sub && (await isCurrent(token))) await revokeSessions({ userId: token.sub });
    },
  },
};
