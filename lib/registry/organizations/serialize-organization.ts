import { config } from "@/lib/config";
import type { IcrOrganization } from "@/lib/generated/prisma/client";

/** An organization as GET /organizations/{id} returns it (optional fields omitted when empty). */
export function serializeOrganization(org: IcrOrganization) {
  return {
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
    fullName: org.fullName,
    countryCode: org.countryCode,
    ...(org.city ? { city: org.city } : {}),
    ...(org.zip ? { zip: org.zip } : {}),
    ...(org.physicalAddress ? { physicalAddress: org.physicalAddress } : {}),
    ...(org.registrationNumber ? { registrationNumber: org.registrationNumber } : {}),
    ...(org.website ? { website: org.website } : {}),
    logo: org.logo,
    id: org.id,
    type: org.type,
    isPublic: org.isPublic,
    url: `${config().ICR_API_URL}/organizations/${org.id}`,
  };
}
