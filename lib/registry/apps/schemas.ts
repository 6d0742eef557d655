// Schemas of the app-installation endpoints: the routes parse with them and the OpenAPI document shows them.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/registry/auth/permissions";

export const ZInstallationParams = z.object({ installationId: z.string().uuid("installationId must be a UUID") });

export const ZInstallation = z
  .object({
    id: z.string().uuid(),
    appId: z.string().uuid(),
    organizationId: z.string().uuid(),
    organization: z
      .object({
        id: z.string().uuid(),
        fullName: z.string(),
        countryCode: z.string(),
        type: z.string(),
        isPublic: z.boolean(),
        url: z.string(),
      })
      .meta({ description: "As GET /organizations/{id}" }),
    permissions: z.array(z.enum(PERMISSIONS)),
    isActive: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "Installation" });

export const ZInstallationToken = z
  .object({
    id: z.string().uuid(),
    token: z.string().meta({ example: "crs_0123456789abcdefghijABCDEFGHIJ0123456789" }),
    expiresAt: z.string().meta({ description: "Two hours after creation (ISO 8601)" }),
    isActive: z.literal(true),
    permissions: z.array(z.enum(PERMISSIONS)),
    appId: z.string().uuid(),
  })
  .meta({ id: "InstallationAccessToken" });
