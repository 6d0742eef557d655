import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZOrgParams } from "@/lib/registry/api/schemas";
import { organizationAddresses } from "@/lib/registry/organizations/organization-addresses";

// GET /icr/api/organizations/{id}/addresses: the organization with its public EVM addresses.
export const GET = icrRoute({ auth: "organization_info:read", params: ZOrgParams }, ({ params }) =>
  organizationAddresses(params.id),
);
