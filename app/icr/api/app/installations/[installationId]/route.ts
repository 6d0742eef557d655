import { bearerToken, icrRoute } from "@/lib/registry/api/icr-route";
import { getAppInstallation } from "@/lib/registry/apps/get-app-installation";
import { ZInstallationParams } from "@/lib/registry/apps/schemas";
import { serializeInstallation } from "@/lib/registry/apps/serialize-installation";
import { verifyAppJwt } from "@/lib/registry/apps/verify-app-jwt";

// GET /icr/api/app/installations/{installationId}: the calling app's installation, with its organization (app JWT).
export const GET = icrRoute({ auth: "none", params: ZInstallationParams }, async ({ req, params }) => {
  const app = await verifyAppJwt(bearerToken(req));
  return serializeInstallation(await getAppInstallation({ appId: app.id, installationId: params.installationId }));
});
