import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordSignInDevice } from "@/lib/carbonmark/auth/known-devices";
import { isCurrentSession } from "@/lib/carbonmark/auth/revoke-sessions";
import { SESSION_MAX_AGE_SEC } from "@/lib/carbonmark/auth/session-cookie";
import { endSessionsOnSignOut } from "@/lib/carbonmark/auth/sign-out";
import { verifyCredentials } from "@/lib/carbonmark/auth/verify-credentials";
import { requireSecondFactor } from "@/lib/carbonmark/passkeys/second-factor";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";

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
      if (!(await isCurrentSession(token))) return { revoked: true };
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
    // Sign-out ends every session of the user, so a copied cookie stops working too (the header's
    // sign-out form does the same through signOutThisBrowser).
    signOut: ({ token }) => endSessionsOnSignOut(token),
  },
};
