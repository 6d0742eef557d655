import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";
import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZOrgParams } from "@/lib/registry/api/schemas";
import { serializeOrganization } from "@/lib/registry/organizations/serialize-organization";

// GET /icr/api/organizations/{id}: an organization's base information.
export const GET = icrRoute({ auth: "organization_info:read", params: ZOrgParams }, async ({ params }) => {
  const org = await prisma.icrOrganization.findUnique({ where: { id: params.id } });
  if (!org) throw notFound(`Organization ${params.id} not found`);
  return serializeOrganization(org);
});
