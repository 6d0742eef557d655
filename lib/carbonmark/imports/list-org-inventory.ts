import { getInventory } from "@/lib/icr/inventory";
import { withInstallationToken } from "@/lib/icr/token-store";
import { compareAmounts } from "@/lib/amount";

/** The connected organization's ICR credits that can be requested (available > 0). */
export async function listOrgInventory(opts: { userId: string }) {
  return withInstallationToken({ userId: opts.userId }, async (s) => {
    const inventory = await getInventory({ token: s.token, organizationId: s.organizationId });
    const credits = inventory.credits.filter((c) => isPositive(c.available));
    return { organizationId: s.organizationId, organizationName: s.organizationName, credits };
  });
}

function isPositive(amount: string): boolean {
  try {
    return compareAmounts(amount, "0") > 0;
  } catch {
    return false;
  }
}
