import NextAuth from "next-auth";
import { authOptions } from "@/lib/carbonmark/auth/auth-options";
import { limitCredentialsSignIn } from "@/lib/carbonmark/auth/limit-sign-in";
import { withRequestContext } from "@/lib/log/request-context";

// /api/auth/*: next-auth (credentials sign-in, session, sign-out); sign-in attempts are rate-limited.
const handler = NextAuth(authOptions);

type TContext = { params: Promise<{ nextauth: string[] }> };

function post(req: Request, ctx: TContext) {
  const run = () => handler(req, ctx) as Promise<Response>;
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) return limitCredentialsSignIn(req, run);
  return run();
}

export const POST = withRequestContext(post);
export const GET = withRequestContext((req: Request, ctx: TContext) => handler(req, ctx) as Promise<Response>);
