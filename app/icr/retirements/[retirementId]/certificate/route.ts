import { IcrHttpError } from "@/lib/registry/api/errors";
import { retirementPdf } from "@/lib/registry/retirements/retirement-pdf";
import { withRequestContext } from "@/lib/log/request-context";

// GET /icr/retirements/{retirementId}/certificate: the public page's certificate download (the same PDF as
// GET /icr/api/retirements/{id}/pdf, which the API reference reserves for access tokens).
async function get(_req: Request, ctx: { params: Promise<{ retirementId: string }> }) {
  const { retirementId } = await ctx.params;
  try {
    const pdf = await retirementPdf(retirementId);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="icr-retirement-${retirementId}.pdf"`,
      },
    });
  } catch (err) {
    if (err instanceof IcrHttpError)
      return new Response(err.message, {
        status: err.status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    throw err;
  }
}

export const GET = withRequestContext(get);
