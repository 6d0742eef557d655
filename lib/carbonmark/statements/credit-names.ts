import { prisma } from "@/lib/db";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";

export type TCreditName = { projectName: string; vintage: string; serialization: string };

/**
 * A credit's project, vintage and serialization, from the user's newest import of it (exports,
 * retirements and holdings carry only the credit id); remembered for one statement, so each credit
 * is looked up once however many rows name it.
 */
export function creditNames(userId: string) {
  const known = new Map<string, TCreditName>();
  return async (creditIds: string[]): Promise<Map<string, TCreditName>> => {
    const missing = [...new Set(creditIds)].filter((c) => !known.has(c));
    if (missing.length) {
      // One row per credit, chosen by PostgreSQL (Prisma's `distinct` would read every import of the
      // credit into memory and drop all but the first: 60,000 rows for a busy user's one credit).
      const rows = await prisma.$queryRaw<(TCreditName & { creditId: string })[]>`
        SELECT DISTINCT ON ("creditId") "creditId", "projectName", vintage, serialization
        FROM cm_import WHERE "userId" = ${userId}::uuid AND "creditId" = ANY(${missing}::text[])
        ORDER BY "creditId", "createdAt" DESC, id DESC`;
      for (const r of rows)
        known.set(r.creditId, { projectName: r.projectName, vintage: r.vintage, serialization: r.serialization });
      for (const c of missing)
        if (!known.has(c))
          known.set(c, { projectName: parseCreditId(c)?.tokenAddress ?? c, vintage: "", serialization: "" });
    }
    return known;
  };
}

/** Block number and time of transactions the holdings indexer saw touch the user's wallet. */
export async function blockTimes(txHashes: (string | null)[]): Promise<Map<string, { block: number; time: Date }>> {
  const hashes = [...new Set(txHashes.filter((h): h is string => !!h).map((h) => h.toLowerCase()))];
  if (!hashes.length) return new Map();
  const rows = await prisma.cmTransfer.findMany({
    where: { txHash: { in: hashes } },
    select: { txHash: true, blockNumber: true, blockTime: true },
    distinct: ["txHash"],
  });
  return new Map(rows.map((r) => [r.txHash, { block: r.blockNumber, time: r.blockTime }]));
}
