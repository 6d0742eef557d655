import { fromBaseUnits } from "@/lib/amount";
import { prisma } from "@/lib/db";
import { toCreditId } from "@/lib/carbonmark/portfolio/credit-id";

export type THolding = {
  creditId: string;
  tokenAddress: string;
  tokenId: string;
  projectName: string;
  vintage: string;
  serialization: string;
  amount: string;
};

/**
 * Holdings are the wallet's chain balances of ICR-listed credits as the indexer (index-holdings.ts)
 * last stored them: one indexed read, whatever the chain's length. Vintage and serialization come
 * from the user's imports of that credit.
 */
export async function getHoldings(opts: { userId: string; address: string }): Promise<THolding[]> {
  const rows = await prisma.cmHolding.findMany({ where: { userId: opts.userId, address: opts.address } });
  if (rows.length === 0) return [];
  const creditIds = rows.map((r) => toCreditId(r.tokenAddress, r.tokenId));
  const imports = await prisma.cmImport.findMany({
    where: { userId: opts.userId, creditId: { in: creditIds } },
    select: { creditId: true, projectName: true, vintage: true, serialization: true },
    orderBy: { createdAt: "desc" },
  });
  const meta = new Map<string, { projectName: string; vintage: string; serialization: string }>();
  for (const i of imports) if (!meta.has(i.creditId.toLowerCase())) meta.set(i.creditId.toLowerCase(), i);
  return rows
    .map((r) => {
      const creditId = toCreditId(r.tokenAddress, r.tokenId);
      const known = meta.get(creditId.toLowerCase()) ?? {
        projectName: r.projectName,
        vintage: "—",
        serialization: "—",
      };
      return {
        creditId,
        tokenAddress: r.tokenAddress,
        tokenId: r.tokenId,
        ...known,
        amount: fromBaseUnits(BigInt(r.amount.toFixed(0))),
      };
    })
    .sort((a, b) => a.projectName.localeCompare(b.projectName) || a.vintage.localeCompare(b.vintage));
}
