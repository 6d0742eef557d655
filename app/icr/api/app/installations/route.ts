import { bearerToken, icrRoute } from "@/lib/registry/api/icr-route";
import { ZPageQuery } from "@/lib/registry/api/schemas";
import { listAppInstallations } from "@/lib/registry/apps/list-app-installations";
import { verifyAppJwt } from "@/lib/registry/apps/verify-app-jwt";

// GET /icr/api/app/installations?limit&page: the calling app's active installations (app JWT).
export const GET = icrRoute({ auth: "none", query: ZPageQuery }, async ({ req, query }) => {
  const app = await verifyAppJwt(bearerToken(req));
  return listAppInstallations({ appId: app.id, limit: query.limit, page: query.page });
});
