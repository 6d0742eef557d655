import type { IcrInstallation, IcrOrganization } from "@/lib/generated/prisma/client";
import { serializeOrganization } from "@/lib/registry/organizations/serialize-organization";

/** An installation as GET /app/installations/{id} (and the list) returns it. */
export function serializeInstallation(inst: IcrInstallation & { organization: IcrOrganization }) {
  return {
    id: inst.id,
    appId: inst.appId,
    organizationId: inst.organizationId,
    organization: serializeOrganization(inst.organization),
    permissions: inst.permissions,
    isActive: inst.isActive,
    createdAt: inst.createdAt.toISOString(),
  };
}
