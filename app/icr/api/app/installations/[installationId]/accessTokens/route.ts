import { bearerToken, icrRoute } from "@/lib/registry/api/icr-route";
import { createInstallationToken } from "@/lib/registry/apps/create-installation-token";
import { ZInstallationParams } from "@/lib/registry/apps/schemas";
import { verifyAppJwt } from "@/lib/registry/apps/verify-app-jwt";

// POST /icr/api/app/installations/{installationId}/accessTokens: exchanges an app JWT for a 2-hour installation token.
export const POST = icrRoute({ auth: "none", params: ZInstallationParams }, async ({ req, params }) => {
  const app = await verifyAppJwt(bearerToken(req));
  return Response.json(await createInstallationToken({ appId: app.id, installationId: params.installationId }), {
    status: 201,
  });
});
