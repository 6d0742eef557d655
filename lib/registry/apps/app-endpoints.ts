import { z } from "zod";
import { ZPageQuery } from "@/lib/registry/api/schemas";
import { ZInstallation, ZInstallationParams, ZInstallationToken } from "@/lib/registry/apps/schemas";

const APP_JWT = "an app JWT (RS256, iss = app id, exp ≤ 10 min after iat) as the bearer token";

/** The app-installation endpoints, for the OpenAPI document (lib/registry/api/endpoints.ts). */
export const APP_ENDPOINTS = [
  {
    method: "get",
    path: "/app/installations",
    summary: "The calling app's active installations, oldest first",
    auth: APP_JWT,
    query: ZPageQuery,
    response: z
      .object({ items: z.array(ZInstallation), total: z.number(), page: z.number(), pageCount: z.number() })
      .meta({ id: "InstallationPage" }),
  },
  {
    method: "get",
    path: "/app/installations/{installationId}",
    summary: "The calling app's installation, with its organization",
    auth: APP_JWT,
    params: ZInstallationParams,
    response: ZInstallation,
  },
  {
    method: "post",
    path: "/app/installations/{installationId}/accessTokens",
    summary: "Exchange an app JWT for an installation access token (crs_…, valid 2 hours)",
    auth: APP_JWT,
    params: ZInstallationParams,
    status: 201,
    response: ZInstallationToken,
  },
  {
    method: "delete",
    path: "/app/installations/token",
    summary: "Revoke the access token sent as the bearer token",
    auth: "any access token",
    status: 204,
    response: "none",
  },
] as const;
