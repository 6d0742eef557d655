import { bearerToken, icrRoute } from "@/lib/registry/api/icr-route";
import { getAppInstallation } from "@/lib/registry/apps/get-app-installation";
import { ZInstallationParams } from "@/lib/registry/apps/schemas";
import { verifyAppJwt } from "@/lib/registry/apps/verify-app-jwt";
import { serializeOrganization } from "@/lib/registry/organizations/serialize-organization";

// GET /icr/api/app/installations/{installationId}: the calling app's installation, with its organization (app JWT).
export const GET = icrRoute({ auth: "none", params: ZInstallationParams }, async ({ req, params }) => {
  const app = await verifyAppJwt(bearerToken(req));
  const inst = await getAppInstallation({ appId: app.id, installationId: params.installationId });
  return {
    id: inst.id,
    appId: inst.appId,
    organizationId: inst.organizationId,
    organization: serializeOrganization(inst.organization),
    permissions: inst.permissions,
    isActive: inst.isActive,
    createdAt: inst.createdAt.toISOString(),
  };
});
