import { z } from "zod";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { getCertificatePdf } from "@/lib/carbonmark/retirements/get-certificate-pdf";
import { pdfResponse, certificateErrorResponse } from "@/lib/carbonmark/retirements/certificate-response";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/retirements/{id}/certificate: the signed-in owner's certificate, from ICR's
// GET /retirements/{id}/pdf with the owner's own token (not connected: 303 to the registry's public one).
async function get(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return Response.json({ message: "Your session has expired. Sign in again." }, { status: 401 });
  const id = z.uuid().safeParse((await ctx.params).id);
  if (!id.success) return Response.json({ message: "This retirement was not found." }, { status: 404 });
  try {
    const own = await getCertificatePdf({ userId: user.id, retirementId: id.data });
    if (own.kind === "redirect") return new Response(null, { status: 303, headers: { location: own.url } });
    return pdfResponse(own.pdf, own.icrRetirementId);
  } catch (err) {
    return certificateErrorResponse(err as Error);
  }
}

export const GET = withRequestContext(get);
