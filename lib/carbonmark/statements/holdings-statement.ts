import { fromBaseUnits } from "@/lib/amount";
import { prisma } from "@/lib/db";
import { toCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { creditNames } from "@/lib/carbonmark/statements/credit-names";
import {
  statementStream,
  type TStatementFormat,
  type TStatementRow,
} from "@/lib/carbonmark/statements/statement-stream";

export const HOLDING_COLUMNS = [
  "as_of",
  "credit_id",
  "project",
  "vintage",
  "serialization",
  "amount_tco2e",
  "last_block",
] as const;

/**
 * The wallet's holdings at the end of a UTC day (`at`, YYYY-MM-DD): the sum of the transfers the
 * holdings indexer recorded in blocks whose time is before the next midnight, per credit.
 */
export async function* holdingRows(opts: { userId: string; at: string }): AsyncGenerator<TStatementRow> {
  const end = new Date(new Date(`${opts.at}T00:00:00.000Z`).getTime() + 86_400_000);
  const sums = await prisma.$queryRaw<{ tokenAddress: string; tokenId: string; amount: string; block: number }[]>`
    SELECT "tokenAddress", "tokenId",
           SUM(CASE WHEN direction = 'in' THEN amount ELSE -amount END)::text AS amount,
           MAX("blockNumber") AS block
    FROM cm_transfer
    WHERE "userId" = ${opts.userId}::uuid AND "blockTime" < ${end}
    GROUP BY "tokenAddress", "tokenId"
    HAVING SUM(CASE WHEN direction = 'in' THEN amount ELSE -amount END) <> 0
    ORDER BY "tokenAddress", "tokenId"::numeric`;
  const creditIds = sums.map((s) => toCreditId(s.tokenAddress, s.tokenId));
  const known = await creditNames(opts.userId)(creditIds);
  const asOf = new Date(end.getTime() - 1).toISOString();
  for (const [i, s] of sums.entries()) {
    const n = known.get(creditIds[i])!;
    yield {
      as_of: asOf,
      credit_id: creditIds[i],
      project: n.projectName,
      vintage: n.vintage,
      serialization: n.serialization,
      amount_tco2e: fromBaseUnits(BigInt(s.amount)),
      last_block: String(s.block),
    };
  }
}

export function streamHoldingStatement(opts: {
  userId: string;
  at: string;
  format: TStatementFormat;
}): ReadableStream<Uint8Array> {
  return statementStream(holdingRows(opts), HOLDING_COLUMNS, opts.format);
}
