import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { statementResponse, streamStatement, ZStatementRequest } from "@/lib/carbonmark/statements/stream-statement";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/statements/{activity|holdings|retirements}?format=csv|json&from&to (&at for
// holdings): the signed-in user's own statement, streamed.
async function get(req: Request, ctx: { params: Promise<{ kind: string }> }) {
  const user = await getSessionUser();
  if (!user) return Response.json({ message: "Your session has expired. Sign in again." }, { status: 401 });
  const query = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== "")) as Record<
    string,
    string
  >;
  const parsed = ZStatementRequest.safeParse({ format: "csv", ...query, kind: (await ctx.params).kind });
  if (!parsed.success)
    return Response.json(
      { message: parsed.error.issues[0]?.message ?? "Invalid statement request", issues: parsed.error.issues },
      { status: 400 },
    );
  return statementResponse(streamStatement(user.id, parsed.data), parsed.data.format);
}

export const GET = withRequestContext(get);
