import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZRetirementParams } from "@/lib/registry/api/schemas";
import { retirementPdf } from "@/lib/registry/retirements/retirement-pdf";

// GET /icr/api/retirements/{retirementId}/pdf: the retirement certificate (PDF).
export const GET = icrRoute({ auth: "any-token", params: ZRetirementParams }, async ({ params }) => {
  const pdf = await retirementPdf(params.retirementId);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="icr-retirement-${params.retirementId}.pdf"`,
    },
  });
});
