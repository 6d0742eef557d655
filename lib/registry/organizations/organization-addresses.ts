import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";
import { serializeOrganization } from "@/lib/registry/organizations/serialize-organization";

/** Orders an organization's addresses: the default first, then in the order they were derived. */
export const ADDRESS_ORDER = [{ isDefault: "desc" as const }, { derivationIndex: "asc" as const }];

/** An organization with its public EVM addresses as the API answers it; unknown ids are a 404. */
export async function organizationAddresses(id: string) {
  const org = await prisma.icrOrganization.findUnique({
    where: { id },
    include: { addresses: { orderBy: ADDRESS_ORDER } },
  });
  if (!org) throw notFound(`Organization ${id} not found`);
  return {
    ...serializeOrganization(org),
    addresses: org.addresses.map((a) => ({
      address: a.address,
      isDefault: a.isDefault,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

/** The organization's address rows for its inventory page. */
export function listOrgAddresses(organizationId: string) {
  return prisma.icrOrgAddress.findMany({ where: { organizationId }, orderBy: ADDRESS_ORDER });
}
