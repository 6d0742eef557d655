import NextAuth from "next-auth";
import { authOptions } from "@/lib/carbonmark/auth/auth-options";
import { limitCredentialsSignIn } from "@/lib/carbonmark/auth/limit-sign-in";

// /api/auth/*: next-auth (credentials sign-in, session, sign-out); sign-in attempts are rate-limited.
const handler = NextAuth(authOptions);

type TContext = { params: Promise<{ nextauth: string[] }> };

export function POST(req: Request, ctx: TContext) {
  const run = () => handler(req, ctx) as Promise<Response>;
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) return limitCredentialsSignIn(req, run);
  return run();
}

export { handler as GET };
