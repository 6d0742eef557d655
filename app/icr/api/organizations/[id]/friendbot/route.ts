import { forbidden } from "@/lib/registry/api/errors";
import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZOrgParams } from "@/lib/registry/api/schemas";
import { friendbot } from "@/lib/registry/friendbot";

// GET /icr/api/organizations/{id}/friendbot: mints 100 sandbox test credits to the token's own organization.
export const GET = icrRoute({ auth: "any-token", params: ZOrgParams }, async ({ params, auth }) => {
  if (auth.organizationId !== params.id)
    throw forbidden("The friendbot only sends credits to the organization that owns the access token");
  return friendbot(params.id);
});
