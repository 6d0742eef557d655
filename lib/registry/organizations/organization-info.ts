import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";
import { serializeOrganization } from "@/lib/registry/organizations/serialize-organization";

/** An organization's base information as the API answers it; unknown ids are a 404. */
export async function organizationInfo(id: string) {
  const org = await prisma.icrOrganization.findUnique({ where: { id } });
  if (!org) throw notFound(`Organization ${id} not found`);
  return serializeOrganization(org);
}
