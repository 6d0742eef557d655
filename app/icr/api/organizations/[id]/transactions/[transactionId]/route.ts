import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZTransactionParams } from "@/lib/registry/api/schemas";
import { getRequest } from "@/lib/registry/requests/get-request";
import { serializeRequest } from "@/lib/registry/requests/serialize-request";

// GET /icr/api/organizations/{id}/transactions/{transactionId}: one request with its live state.
export const GET = icrRoute({ auth: "organization_inventory:read", params: ZTransactionParams }, async ({ params }) =>
  serializeRequest(await getRequest({ organizationId: params.id, requestId: params.transactionId })),
);
