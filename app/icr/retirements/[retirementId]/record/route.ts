import { IcrHttpError } from "@/lib/registry/api/errors";
import { certificateFile } from "@/lib/registry/retirements/serve-certificate";
import { withRequestContext } from "@/lib/log/request-context";

// GET /icr/retirements/{retirementId}/record: the signed record its certificate carries, as JSON
// { record, jws, kid } (record: the exact RFC 8785 bytes signed; jws: detached compact JWS). Public,
// no token; verify it against /icr/.well-known/jwks.json. Not final yet: 409; unknown: 404.
async function get(_req: Request, ctx: { params: Promise<{ retirementId: string }> }) {
  const { retirementId } = await ctx.params;
  try {
    const { signed } = await certificateFile(retirementId);
    return Response.json(signed, { headers: { "cache-control": "public, max-age=300" } });
  } catch (err) {
    if (err instanceof IcrHttpError) return Response.json({ message: err.message }, { status: err.status });
    throw err;
  }
}

export const GET = withRequestContext(get);
