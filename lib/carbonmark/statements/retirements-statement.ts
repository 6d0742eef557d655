import { prisma } from "@/lib/db";
import { blockTimes, creditNames } from "@/lib/carbonmark/statements/credit-names";
import { afterKey, mergeKeyset, type TKeysetSource } from "@/lib/carbonmark/statements/keyset-merge";
import { retirementProofUrl } from "@/lib/carbonmark/statements/proof-url";
import { periodWhere, type TStatementPeriod } from "@/lib/carbonmark/statements/statement-period";
import {
  statementStream,
  type TStatementFormat,
  type TStatementRow,
} from "@/lib/carbonmark/statements/statement-stream";

export const RETIREMENT_COLUMNS = [
  "date",
  "type",
  "amount_tco2e",
  "project",
  "vintage",
  "serialization",
  "credit_id",
  "beneficiary",
  "reason",
  "comment",
  "state",
  "tx_hash",
  "block_number",
  "block_time",
  "icr_retirement_id",
  "proof_url",
  "id",
] as const;

type TOpts = { userId: string } & TStatementPeriod;

/**
 * The user's retirements in the period, oldest first: those made from the wallet, and imports
 * retired on arrival (ICR's transfer_retire), except ones that failed or were refused.
 */
export function retirementRows(opts: TOpts): AsyncGenerator<TStatementRow> {
  const createdAt = periodWhere(opts);
  const names = creditNames(opts.userId);
  const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const fromWallet: TKeysetSource<TStatementRow> = {
    page: async (after, take) => {
      const rows = await prisma.cmRetirement.findMany({
        where: { userId: opts.userId, createdAt, status: { not: "failed" }, ...afterKey(after) },
        orderBy: order,
        take,
      });
      const [times, known] = await Promise.all([
        blockTimes(rows.map((r) => r.txHash)),
        names(rows.map((r) => r.creditId)),
      ]);
      return rows.map((r) => {
        const n = known.get(r.creditId)!;
        const b = r.txHash ? times.get(r.txHash.toLowerCase()) : undefined;
        return {
          at: r.createdAt,
          id: r.id,
          row: {
            date: r.createdAt.toISOString(),
            type: "retirement",
            amount_tco2e: r.amount.toFixed(),
            project: n.projectName,
            vintage: n.vintage,
            serialization: n.serialization,
            credit_id: r.creditId,
            beneficiary: r.beneficiary,
            reason: r.reason,
            comment: r.comment,
            state: r.status,
            tx_hash: r.txHash,
            block_number: b ? String(b.block) : null,
            block_time: b ? b.time.toISOString() : null,
            icr_retirement_id: r.icrRetirementId,
            proof_url: r.icrRetirementId ? retirementProofUrl(r.icrRetirementId) : null,
            id: r.id,
          },
        };
      });
    },
  };
  const onArrival: TKeysetSource<TStatementRow> = {
    page: async (after, take) => {
      const rows = await prisma.cmImport.findMany({
        where: {
          userId: opts.userId,
          createdAt,
          action: "transfer_retire",
          state: { notIn: ["failed", "rejected", "cancelled"] },
          ...afterKey(after),
        },
        orderBy: order,
        take,
      });
      const times = await blockTimes(rows.map((r) => r.txId));
      return rows.map((r) => {
        const b = r.txId ? times.get(r.txId.toLowerCase()) : undefined;
        return {
          at: r.createdAt,
          id: r.id,
          row: {
            date: r.createdAt.toISOString(),
            type: "import_retire",
            amount_tco2e: r.amount.toFixed(),
            project: r.projectName,
            vintage: r.vintage,
            serialization: r.serialization,
            credit_id: r.creditId,
            beneficiary: r.beneficiaryName,
            reason: r.retirementReason,
            comment: r.retirementComment,
            state: r.state,
            tx_hash: r.txId,
            block_number: b ? String(b.block) : null,
            block_time: b ? b.time.toISOString() : null,
            icr_retirement_id: null,
            proof_url: null,
            id: r.id,
          },
        };
      });
    },
  };
  return mergeKeyset([fromWallet, onArrival]);
}

export function streamRetirementStatement(opts: TOpts & { format: TStatementFormat }): ReadableStream<Uint8Array> {
  return statementStream(retirementRows(opts), RETIREMENT_COLUMNS, opts.format);
}
