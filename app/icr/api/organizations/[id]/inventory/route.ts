import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZInventoryQuery, ZOrgParams } from "@/lib/registry/api/schemas";
import { listInventory, serializeInventoryItem } from "@/lib/registry/inventory/list-inventory";

// GET /icr/api/organizations/{id}/inventory: the credits the organization holds (chain balances), with what is available.
export const GET = icrRoute(
  { auth: "organization_inventory:read", params: ZOrgParams, query: ZInventoryQuery },
  async ({ params, query }) => {
    const items = await listInventory({ organizationId: params.id, development: query.development !== undefined });
    return items.map(serializeInventoryItem);
  },
);
