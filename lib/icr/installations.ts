import { z } from "zod";
import { icrClient } from "@/lib/icr/client";
import { signAppJwt } from "@/lib/icr/app-jwt";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import { ZIcrAccessToken, ZIcrInstallation } from "@/lib/icr/schemas";

const id = (s: string) => encodeURIComponent(s);

/** GET /app/installations/{id} with the app JWT: confirms an installation and names its organization. */
export async function getInstallation(installationId: string, client: IcrHttpClient = icrClient()) {
  return client.request({
    method: "GET",
    path: `/app/installations/${id(installationId)}`,
    auth: await signAppJwt(),
    schema: ZIcrInstallation,
  });
}

/** POST /app/installations/{id}/accessTokens: exchanges the app JWT for a 2-hour crs_ token. */
export async function createInstallationAccessToken(installationId: string, client: IcrHttpClient = icrClient()) {
  return client.request({
    method: "POST",
    path: `/app/installations/${id(installationId)}/accessTokens`,
    auth: await signAppJwt(),
    schema: ZIcrAccessToken,
  });
}

/** DELETE /app/installations/token: revokes the given installation token. */
export async function revokeInstallationAccessToken(token: string, client: IcrHttpClient = icrClient()) {
  return client.request({ method: "DELETE", path: "/app/installations/token", auth: token, schema: z.unknown() });
}
