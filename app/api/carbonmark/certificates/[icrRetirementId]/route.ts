import { z } from "zod";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { getPublicCertificatePdf } from "@/lib/carbonmark/retirements/get-certificate-pdf";
import { certificateErrorResponse, pdfResponse } from "@/lib/carbonmark/retirements/certificate-response";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/certificates/{icrRetirementId}: the certificate of a claimed ICR retirement (public, as on ICR).
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
    const user = await getSessionUser();
    return pdfResponse(await getPublicCertificatePdf({ icrRetirementId: id.data, userId: user?.id }), id.data);
  } catch (err) {
    return certificateErrorResponse(err as Error);
  }
}

export const GET = withRequestContext(get);
