import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZOrgParams, ZPageQuery } from "@/lib/registry/api/schemas";
import { listRequests } from "@/lib/registry/requests/list-requests";
import { serializeRequest } from "@/lib/registry/requests/serialize-request";

// GET /icr/api/organizations/{id}/inventory/requests?limit=&page=: the organization's requests, newest first.
export const GET = icrRoute(
  { auth: "organization_inventory:read", params: ZOrgParams, query: ZPageQuery },
  async ({ params, query }) => {
    const page = await listRequests({ organizationId: params.id, limit: query.limit, page: query.page });
    return { ...page, items: page.items.map(serializeRequest) };
  },
);
