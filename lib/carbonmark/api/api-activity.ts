import type { z } from "zod";
import { prisma } from "@/lib/db";
import { EXPORT_STATES } from "@/lib/carbonmark/activity/activity-states";
import { ApiError } from "@/lib/carbonmark/api/api-error";
import type { ZActivityItem, ZActivityPage } from "@/lib/carbonmark/api/api-schemas";
import { IMPORT_STATES } from "@/lib/carbonmark/imports/import-state";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { RETIREMENT_STAGES, retirementStage } from "@/lib/carbonmark/retirements/retirement-status";

type TItem = z.infer<typeof ZActivityItem>;
type TCursor = { at: Date; id: string };

function encodeCursor(item: TItem): string {
  return Buffer.from(JSON.stringify([item.at, item.id])).toString("base64url");
}

function decodeCursor(raw: string): TCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime())) throw new Error();
    return { at: date, id };
  } catch {
    throw new ApiError(400, "invalid_request", "cursor is not a cursor this API gave out; pass nextCursor as it came");
  }
}

/** Newest first, by (createdAt, id): a page never repeats or skips a row, even when rows share a time. */
const before = (c?: TCursor) => (c ? { OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] } : {});
const order = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** One page of the user's imports, exports and retirements, newest first. */
export async function apiActivityPage(opts: {
  userId: string;
  limit: number;
  cursor?: string;
}): Promise<z.infer<typeof ZActivityPage>> {
  const cursor = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const page = { where: { userId: opts.userId, ...before(cursor) }, orderBy: order, take: opts.limit + 1 };
  const [imports, exports, retirements] = await Promise.all([
    prisma.cmImport.findMany(page),
    prisma.cmExport.findMany(page),
    prisma.cmRetirement.findMany(page),
  ]);
  const known = await prisma.cmImport.findMany({
    where: { userId: opts.userId, creditId: { in: [...new Set([...exports, ...retirements].map((r) => r.creditId))] } },
    select: { creditId: true, projectName: true, serialization: true },
    distinct: ["creditId"],
  });
  const names = new Map(known.map((k) => [k.creditId, k]));
  const nameOf = (creditId: string) => {
    const k = names.get(creditId);
    return {
      projectName: k?.projectName ?? parseCreditId(creditId)?.tokenAddress ?? creditId,
      serialization: k?.serialization ?? "",
    };
  };
  const items: TItem[] = [
    ...imports.map((i) => ({
      id: i.id,
      kind: "import" as const,
      at: i.createdAt.toISOString(),
      creditId: i.creditId,
      projectName: i.projectName,
      serialization: i.serialization,
      amount: i.amount.toFixed(),
      direction: "in" as const,
      state: i.state,
      stateLabel: IMPORT_STATES[i.state].label,
      txHash: i.txId,
      icrTransactionId: i.icrTransactionId,
      icrRetirementId: null,
    })),
    ...exports.map((e) => ({
      id: e.id,
      kind: "export" as const,
      at: e.createdAt.toISOString(),
      creditId: e.creditId,
      ...nameOf(e.creditId),
      amount: e.amount.toFixed(),
      direction: "out" as const,
      state: e.status,
      stateLabel: EXPORT_STATES[e.status].label,
      txHash: e.txHash,
      icrTransactionId: null,
      icrRetirementId: null,
    })),
    ...retirements.map((r) => {
      const stage = retirementStage(r);
      return {
        id: r.id,
        kind: "retirement" as const,
        at: r.createdAt.toISOString(),
        creditId: r.creditId,
        ...nameOf(r.creditId),
        amount: r.amount.toFixed(),
        direction: "out" as const,
        state: stage,
        stateLabel: RETIREMENT_STAGES[stage].label,
        txHash: r.txHash,
        icrTransactionId: null,
        icrRetirementId: r.icrRetirementId,
      };
    }),
  ].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const pageItems = items.slice(0, opts.limit);
  const hasMore = items.length > opts.limit;
  return { items: pageItems, nextCursor: hasMore ? encodeCursor(pageItems[pageItems.length - 1]!) : null };
}
