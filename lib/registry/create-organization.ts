import { prisma } from "@/lib/db";
import type { IcrOrganizationType } from "@/lib/generated/prisma/enums";
import { deriveOrgWallet } from "@/lib/registry/org-addresses";
import { setCustodialOnAllProjects } from "@/lib/registry/projects";

export type TCreateOrganization = {
  fullName: string;
  countryCode: string;
  type: IcrOrganizationType;
  city?: string;
  website?: string;
};

/** Creates an organization with its default custodial address, registered on every project contract. */
export async function createOrganization(input: TCreateOrganization) {
  const org = await prisma.$transaction(async (db) => {
    await db.$executeRaw`LOCK TABLE "icr_org_address" IN SHARE ROW EXCLUSIVE MODE`;
    const last = await db.icrOrgAddress.aggregate({ _max: { derivationIndex: true } });
    const index = (last._max.derivationIndex ?? -1) + 1;
    return db.icrOrganization.create({
      data: {
        ...input,
        logo: "logo.png",
        addresses: { create: { address: deriveOrgWallet(index).address, derivationIndex: index, isDefault: true } },
      },
      include: { addresses: true },
    });
  });
  await setCustodialOnAllProjects(org.addresses.map((a) => a.address));
  return org;
}
