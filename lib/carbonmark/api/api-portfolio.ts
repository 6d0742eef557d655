import type { z } from "zod";
import { prisma } from "@/lib/db";
import { ApiError } from "@/lib/carbonmark/api/api-error";
import type { ZPortfolio } from "@/lib/carbonmark/api/api-schemas";
import { importView } from "@/lib/carbonmark/api/api-views";
import { IMPORT_STATES } from "@/lib/carbonmark/imports/import-state";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";

/** The wallet's holdings as the indexer stored them, and the imports still in flight. */
export async function apiPortfolio(opts: { userId: string }): Promise<z.infer<typeof ZPortfolio>> {
  const wallet = await prisma.cmWallet.findUnique({ where: { userId: opts.userId }, select: { address: true } });
  if (!wallet)
    throw new ApiError(409, "no_wallet", "This account has no wallet yet: set a wallet PIN in Carbonmark first.");
  const inFlight = Object.entries(IMPORT_STATES)
    .filter(([, s]) => s.isInFlight)
    .map(([state]) => state as keyof typeof IMPORT_STATES);
  const [holdings, imports] = await Promise.all([
    getHoldings({ userId: opts.userId, address: wallet.address }),
    prisma.cmImport.findMany({
      where: { userId: opts.userId, state: { in: inFlight } },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
  ]);
  return { address: wallet.address, holdings, importsInFlight: imports.map(importView) };
}
