import { IcrHttpError } from "@/lib/registry/api/errors";
import { certificateVerifyChecks, verifyUploadedCertificate } from "@/lib/registry/signing/verify-certificate";
import { withRequestContext } from "@/lib/log/request-context";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeOrThrow, RateLimitedError } from "@/lib/security/rate-limit";

// POST /icr/certificates/verify: anyone sends a certificate file (raw PDF or multipart "file") and
// gets 200 { valid: true, kid, record, digest }, or 422 { valid: false, reason } when it does not
// verify. Not a PDF, empty, too large, wrong content type: 4xx { message }. Limited per client IP.
async function post(req: Request) {
  try {
    await consumeOrThrow(certificateVerifyChecks(clientIpFrom(req.headers)));
    const verdict = await verifyUploadedCertificate(req);
    return Response.json(verdict, { status: verdict.valid ? 200 : 422 });
  } catch (err) {
    if (err instanceof RateLimitedError)
      return Response.json(
        { message: "Too many certificates verified from your address. Try again in a minute." },
        { status: 429, headers: { "retry-after": String(err.retryAfterSec) } },
      );
    if (err instanceof IcrHttpError) return Response.json({ message: err.message }, { status: err.status });
    throw err;
  }
}

export const POST = withRequestContext(post);
