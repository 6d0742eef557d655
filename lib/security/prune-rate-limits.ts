import { prisma } from "@/lib/db";

// Rate-limit rows (rate-limiter-flexible's PostgreSQL store) stay after their window ends; a later
// attempt on the same key starts a new window in the same row. Rows whose window has ended count
// nothing any more, so the worker deletes them (prune-rate-limits-queue.ts): whoever sends attempts
// under ever new keys (emails, addresses) cannot grow the tables for good.

/** Deletes the rows of both sides' rate-limit tables whose window ended before `now`; returns how many. */
export async function pruneRateLimits(now = Date.now()): Promise<{ carbonmark: number; icr: number }> {
  const where = { expire: { lt: BigInt(now) } };
  const carbonmark = await prisma.cmRateLimit.deleteMany({ where });
  const icr = await prisma.icrRateLimit.deleteMany({ where });
  return { carbonmark: carbonmark.count, icr: icr.count };
}
