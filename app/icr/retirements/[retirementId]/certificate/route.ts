import { IcrHttpError } from "@/lib/registry/api/errors";
import { certificateDownloadChecks } from "@/lib/registry/retirements/certificate-download-limits";
import { certificateFile, certificateResponse } from "@/lib/registry/retirements/serve-certificate";
import { withRequestContext } from "@/lib/log/request-context";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeOrThrow, RateLimitedError } from "@/lib/security/rate-limit";

const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });

// GET /icr/retirements/{retirementId}/certificate: the public page's certificate download, no token
// (the same stored PDF as GET /icr/api/retirements/{id}/pdf), limited per client IP.
async function get(req: Request, ctx: { params: Promise<{ retirementId: string }> }) {
  const { retirementId } = await ctx.params;
  try {
    await consumeOrThrow(certificateDownloadChecks(clientIpFrom(req.headers)));
    const file = await certificateFile(retirementId);
    return certificateResponse(file, { audience: "public", ifNoneMatch: req.headers.get("if-none-match") });
  } catch (err) {
    if (err instanceof RateLimitedError) {
      const minutes = Math.max(1, Math.ceil(err.retryAfterSec / 60));
      return text(
        429,
        `Too many certificate downloads from your address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        { "retry-after": String(err.retryAfterSec) },
      );
    }
    if (err instanceof IcrHttpError) return text(err.status, err.message);
    throw err;
  }
}

export const GET = withRequestContext(get);
