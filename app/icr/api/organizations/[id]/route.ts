import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZOrgParams } from "@/lib/registry/api/schemas";
import { organizationInfo } from "@/lib/registry/organizations/organization-info";

// GET /icr/api/organizations/{id}: an organization's base information.
export const GET = icrRoute({ auth: "organization_info:read", params: ZOrgParams }, ({ params }) =>
  organizationInfo(params.id),
);
