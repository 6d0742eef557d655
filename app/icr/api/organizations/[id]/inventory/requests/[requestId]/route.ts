import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZRequestParams } from "@/lib/registry/api/schemas";
import { getRequest } from "@/lib/registry/requests/get-request";
import { serializeRequest } from "@/lib/registry/requests/serialize-request";

// GET /icr/api/organizations/{id}/inventory/requests/{requestId}: one request.
export const GET = icrRoute({ auth: "organization_inventory:read", params: ZRequestParams }, async ({ params }) =>
  serializeRequest(await getRequest({ organizationId: params.id, requestId: params.requestId })),
);
