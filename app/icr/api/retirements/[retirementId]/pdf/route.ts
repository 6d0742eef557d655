import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZRetirementParams } from "@/lib/registry/api/schemas";
import { certificateFile, certificateResponse } from "@/lib/registry/retirements/serve-certificate";

// GET /icr/api/retirements/{retirementId}/pdf: the retirement certificate, the stored PDF the public
// download serves too.
export const GET = icrRoute({ auth: "any-token", params: ZRetirementParams }, async ({ req, params }) =>
  certificateResponse(await certificateFile(params.retirementId), {
    audience: "api",
    ifNoneMatch: req.headers.get("if-none-match"),
  }),
);
