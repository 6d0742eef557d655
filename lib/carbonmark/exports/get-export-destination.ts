import { getAddress } from "ethers";
import { getOrganizationAddresses } from "@/lib/icr/organizations";
import { withInstallationToken } from "@/lib/icr/token-store";

export type TExportDestination = { organizationId: string; organizationName: string; address: string };

/** Where exports go: the connected organization's default address, from GET /organizations/{id}/addresses. */
export async function getExportDestination(opts: { userId: string }): Promise<TExportDestination> {
  return withInstallationToken({ userId: opts.userId }, async (s) => {
    const addresses = await getOrganizationAddresses({ token: s.token, organizationId: s.organizationId });
    // Checksummed from the lower-case form: a wrongly checksummed answer still names one address.
    const address = getAddress((addresses.find((a) => a.isDefault) ?? addresses[0]).address.toLowerCase());
    return { organizationId: s.organizationId, organizationName: s.organizationName, address };
  });
}
