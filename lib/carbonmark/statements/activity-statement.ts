import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { creditNames, type TCreditName } from "@/lib/carbonmark/statements/credit-names";
import { mergeKeyset, type TKey, type TKeysetSource } from "@/lib/carbonmark/statements/keyset-merge";
import { periodWhere, type TStatementPeriod } from "@/lib/carbonmark/statements/statement-period";
import {
  statementStream,
  type TStatementFormat,
  type TStatementRow,
} from "@/lib/carbonmark/statements/statement-stream";

/** The activity statement's columns, in order (docs/carbonmark.md, "Statements"). */
export const ACTIVITY_COLUMNS = [
  "date",
  "type",
  "direction",
  "amount_tco2e",
  "project",
  "vintage",
  "serialization",
  "credit_id",
  "state",
  "tx_hash",
  "block_number",
  "block_time",
  "icr_request_id",
  "icr_retirement_id",
  "beneficiary",
  "id",
] as const;

type TOpts = { userId: string } & TStatementPeriod;

/** A timestamp as `Date.toISOString()` writes it (the columns hold UTC). */
const ISO = Prisma.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);

/** The page's rows of one table: the period, then the keyset condition (time, then id), oldest first. */
function pageWhere(opts: TOpts, after: TKey | null): Prisma.Sql {
  const period = periodWhere(opts);
  return Prisma.sql`"userId" = ${opts.userId}::uuid
    ${period.gte ? Prisma.sql`AND "createdAt" >= ${period.gte.toISOString()}::timestamp` : Prisma.empty}
    ${period.lt ? Prisma.sql`AND "createdAt" < ${period.lt.toISOString()}::timestamp` : Prisma.empty}
    ${
      after
        ? Prisma.sql`AND "createdAt" >= ${after.at.toISOString()}::timestamp
            AND ("createdAt" > ${after.at.toISOString()}::timestamp OR ("createdAt" = ${after.at.toISOString()}::timestamp AND id > ${after.id}::uuid))`
        : Prisma.empty
    }`;
}

/** Block number and time of the transaction the holdings indexer saw touch the wallet (a lateral join on `tx`). */
const blockOf = (tx: Prisma.Sql) => Prisma.sql`LEFT JOIN LATERAL (
    SELECT "blockNumber"::text AS block_number, to_char("blockTime", ${ISO}) AS block_time
    FROM cm_transfer WHERE "txHash" = lower(${tx}) LIMIT 1) b ON true`;

type TPageRow = { at: Date; id: string; amount: string; block_number: string | null; block_time: string | null };
type TImportPage = TPageRow & {
  action: string;
  projectName: string;
  vintage: string;
  serialization: string;
  creditId: string;
  state: string;
  txId: string | null;
  icrTransactionId: string | null;
  beneficiaryName: string | null;
};
type TOutPage = TPageRow & {
  creditId: string;
  status: string;
  txHash: string | null;
  icrRetirementId: string | null;
  beneficiary: string | null;
};

/**
 * The user's imports, exports and retirements in the period, oldest first, one row each, read in
 * keyset pages. Each page is one lean query (only the statement's columns, as text, block times
 * joined in), and a row is built only when it is written: a 100,000-row statement streams in
 * bounded memory.
 */
export function activityRows(opts: TOpts): AsyncGenerator<TStatementRow> {
  const names = creditNames(opts.userId);
  let known = new Map<string, TCreditName>();

  const imports: TKeysetSource<TStatementRow, TImportPage> = {
    page: (after, take) => prisma.$queryRaw<TImportPage[]>`
      SELECT i."createdAt" AS at, i.id::text, trim_scale(i.amount)::text AS amount, i.action::text, i."projectName",
             i.vintage, i.serialization, i."creditId", i.state::text, i."txId", i."icrTransactionId",
             i."beneficiaryName", b.block_number, b.block_time
      FROM (SELECT * FROM cm_import WHERE ${pageWhere(opts, after)} ORDER BY "createdAt", id LIMIT ${take}) i
      ${blockOf(Prisma.sql`i."txId"`)}
      ORDER BY i."createdAt", i.id`,
    toRow: (r) => ({
      date: r.at.toISOString(),
      type: r.action === "transfer_retire" ? "import_retire" : "import",
      direction: r.action === "transfer_retire" ? "none" : "in",
      amount_tco2e: r.amount,
      project: r.projectName,
      vintage: r.vintage,
      serialization: r.serialization,
      credit_id: r.creditId,
      state: r.state,
      tx_hash: r.txId,
      block_number: r.block_number,
      block_time: r.block_time,
      icr_request_id: r.icrTransactionId,
      icr_retirement_id: null,
      beneficiary: r.beneficiaryName,
      id: r.id,
    }),
  };
  /** Exports and retirements carry only the credit id: its names come from the user's imports (looked up once). */
  const outgoing = (table: "cm_export" | "cm_retirement"): TKeysetSource<TStatementRow, TOutPage> => ({
    page: async (after, take) => {
      const retirement = table === "cm_retirement";
      const rows = await prisma.$queryRaw<TOutPage[]>`
        SELECT o."createdAt" AS at, o.id::text, trim_scale(o.amount)::text AS amount, o."creditId", o.status::text,
               o."txHash", ${retirement ? Prisma.sql`o."icrRetirementId", o.beneficiary` : Prisma.sql`NULL AS "icrRetirementId", NULL AS beneficiary`},
               b.block_number, b.block_time
        FROM (SELECT * FROM ${Prisma.raw(table)} WHERE ${pageWhere(opts, after)} ORDER BY "createdAt", id LIMIT ${take}) o
        ${blockOf(Prisma.sql`o."txHash"`)}
        ORDER BY o."createdAt", o.id`;
      known = await names(rows.map((r) => r.creditId));
      return rows;
    },
    toRow: (r) => {
      const n = known.get(r.creditId)!;
      return {
        date: r.at.toISOString(),
        type: table === "cm_retirement" ? "retirement" : "export",
        direction: "out",
        amount_tco2e: r.amount,
        project: n.projectName,
        vintage: n.vintage,
        serialization: n.serialization,
        credit_id: r.creditId,
        state: r.status,
        tx_hash: r.txHash,
        block_number: r.block_number,
        block_time: r.block_time,
        icr_request_id: null,
        icr_retirement_id: r.icrRetirementId,
        beneficiary: r.beneficiary,
        id: r.id,
      };
    },
  });
  return mergeKeyset([imports, outgoing("cm_export"), outgoing("cm_retirement")]);
}

/** The activity statement as a download (CSV or JSON), streamed from the database. */
export function streamActivityStatement(opts: TOpts & { format: TStatementFormat }): ReadableStream<Uint8Array> {
  return statementStream(activityRows(opts), ACTIVITY_COLUMNS, opts.format);
}
