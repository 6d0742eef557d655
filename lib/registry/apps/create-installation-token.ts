import { createAccessToken } from "@/lib/registry/auth/access-tokens";
import type { TPermission } from "@/lib/registry/auth/permissions";
import { getAppInstallation } from "@/lib/registry/apps/get-app-installation";

export const INSTALLATION_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;

/** A `crs_…` installation access token with the installation's permissions, valid for 2 hours. */
export async function createInstallationToken(input: { appId: string; installationId: string; now?: Date }) {
  const installation = await getAppInstallation(input);
  const expiresAt = new Date((input.now ?? new Date()).getTime() + INSTALLATION_TOKEN_TTL_MS);
  const { token, row } = await createAccessToken({
    organizationId: installation.organizationId,
    installationId: installation.id,
    permissions: installation.permissions as TPermission[],
    expiresAt,
  });
  return {
    id: row.id,
    token,
    expiresAt: row.expiresAt.toISOString(),
    isActive: true,
    permissions: row.permissions,
    appId: installation.appId,
  };
}
