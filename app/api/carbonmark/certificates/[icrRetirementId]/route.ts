import { z } from "zod";
import { certificateLinkTarget } from "@/lib/carbonmark/retirements/get-certificate-pdf";
import { certificateErrorResponse } from "@/lib/carbonmark/retirements/certificate-response";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/certificates/{icrRetirementId} (the receipt e-mail's link): a retirement made
// on Carbonmark → 303 to the registry's public certificate. No session needed and no ICR call made.
async function get(_req: Request, ctx: { params: Promise<{ icrRetirementId: string }> }) {
  const id = z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9-]+$/)
    .safeParse((await ctx.params).icrRetirementId);
  if (!id.success) return Response.json({ message: "This retirement was not found." }, { status: 404 });
  try {
    return new Response(null, { status: 303, headers: { location: await certificateLinkTarget(id.data) } });
  } catch (err) {
    return certificateErrorResponse(err as Error);
  }
}

export const GET = withRequestContext(get);
