import { fromBaseUnits, toBaseUnits } from "@/lib/amount";
import { prisma } from "@/lib/db";
import type { TIcrInventorySandboxItem } from "@/lib/icr/schemas";
import { balanceKey, readBalances, readCached } from "@/lib/registry/inventory/chain-balances";
import { reservedByCredit } from "@/lib/registry/inventory/reserved";
import { projectRef } from "@/lib/registry/project-ref";
import { SANDBOX_TEST_PROJECT } from "@/lib/registry/sandbox";

export type TInventoryItem = {
  organizationId: string;
  id: string;
  tokenId: string;
  tokenAddress: string;
  project: ReturnType<typeof projectRef>;
  serialization: string;
  vintage: string;
  /** decimal strings */
  supply: string;
  unit: "tonne";
  amount: string;
  available: string;
  reserved: string;
  type: "exPost" | "exAnte";
};

/**
 * The organization's addresses, the credits, their chain balances and what pending requests
 * reserve: one snapshot for display, at most a second old (dropped at once when this process
 * makes, decides or finishes a request), so amount and reserved always come from the same moment.
 */
function loadHoldings(organizationId: string) {
  return readCached(organizationId, async () => {
    const [addresses, credits, reserved] = await Promise.all([
      prisma.icrOrgAddress.findMany({ where: { organizationId }, select: { address: true } }),
      prisma.icrCredit.findMany({
        include: { project: { select: { id: true, fullName: true, num: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
      reservedByCredit(organizationId),
    ]);
    const balances = await readBalances(
      addresses.map((a) => a.address),
      credits.map((c) => ({ tokenAddress: c.tokenAddress, tokenId: c.tokenId })),
    );
    return { addresses: addresses.map((a) => a.address), credits, balances, reserved };
  });
}

/** The organization's credits: chain balances of its addresses, minus what pending requests reserve. */
export async function listInventory(opts: {
  organizationId: string;
  development?: boolean;
}): Promise<TInventoryItem[]> {
  const { addresses, credits, balances, reserved } = await loadHoldings(opts.organizationId);
  const items: TInventoryItem[] = [];
  for (const c of credits) {
    if (opts.development && c.project.num !== SANDBOX_TEST_PROJECT.num) continue;
    let held = 0n;
    for (const a of addresses) held += balances.get(balanceKey(a, c.tokenAddress, c.tokenId)) ?? 0n;
    const reservedUnits = toBaseUnits(reserved.get(c.id) ?? "0");
    if (held === 0n && reservedUnits === 0n) continue;
    const available = held > reservedUnits ? held - reservedUnits : 0n;
    items.push({
      organizationId: opts.organizationId,
      id: c.id,
      tokenId: c.tokenId,
      tokenAddress: c.tokenAddress,
      project: projectRef(c.project),
      serialization: c.serialization,
      vintage: c.vintage,
      supply: c.supply.toFixed(),
      unit: "tonne",
      amount: fromBaseUnits(held),
      available: fromBaseUnits(available),
      reserved: fromBaseUnits(reservedUnits),
      type: c.type,
    });
  }
  return items;
}

/** JSON shape: amounts as numbers, as the reference documents them. */
export function serializeInventoryItem(item: TInventoryItem): TIcrInventorySandboxItem {
  return {
    ...item,
    supply: Number(item.supply),
    amount: Number(item.amount),
    available: Number(item.available),
    reserved: Number(item.reserved),
  };
}
