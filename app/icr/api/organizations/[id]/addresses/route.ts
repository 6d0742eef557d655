import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";
import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZOrgParams } from "@/lib/registry/api/schemas";
import { serializeOrganization } from "@/lib/registry/organizations/serialize-organization";

// GET /icr/api/organizations/{id}/addresses: the organization with its public EVM addresses.
export const GET = icrRoute({ auth: "organization_info:read", params: ZOrgParams }, async ({ params }) => {
  const org = await prisma.icrOrganization.findUnique({
    where: { id: params.id },
    include: { addresses: { orderBy: [{ isDefault: "desc" }, { derivationIndex: "asc" }] } },
  });
  if (!org) throw notFound(`Organization ${params.id} not found`);
  return {
    ...serializeOrganization(org),
    addresses: org.addresses.map((a) => ({
      address: a.address,
      isDefault: a.isDefault,
      createdAt: a.createdAt.toISOString(),
    })),
  };
});
