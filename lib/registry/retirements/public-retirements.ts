// The registry's public list of retirements (the /icr/retirements page, not the documented API):
// search and filters by beneficiary, project, vintage and date, totals per beneficiary, and keyset
// pagination on (createdAt, id) so a page costs the same at 100,000 retirements as at 100.
// A beneficiary the retiree hid is neither shown nor searchable until its date.
import { z } from "zod";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isBeneficiaryHidden } from "@/lib/beneficiary-privacy";
import { refineSingleLine } from "@/lib/single-line-text";

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are YYYY-MM-DD")
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()), "Not a date");

/** The page's query: every field optional; a bad value is a clear message, never a 500. */
export const ZPublicRetirementQuery = z.object({
  beneficiary: z.string().trim().max(200).superRefine(refineSingleLine("The beneficiary")).optional(),
  project: z.string().trim().max(200).superRefine(refineSingleLine("The project")).optional(),
  vintage: z.string().trim().max(20).superRefine(refineSingleLine("The vintage")).optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  /** keyset cursor: the last row of the previous page, `<createdAt ISO>_<id>` */
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/i, "Not a page of this list")
    .optional(),
  first: z.coerce.number().int().min(1).max(100).default(20),
});
export type TPublicRetirementQuery = z.output<typeof ZPublicRetirementQuery>;

export type TPublicRetirementRow = {
  id: string;
  amount: string;
  projectName: string;
  serialization: string;
  vintage: string;
  isClaimed: boolean;
  beneficiary: string | null;
  beneficiaryHidden: boolean;
  reason: string | null;
  createdAt: string;
};

function filterOf(q: TPublicRetirementQuery, now: Date): Prisma.IcrRetirementWhereInput {
  const and: Prisma.IcrRetirementWhereInput[] = [];
  if (q.beneficiary)
    and.push(
      { beneficiary: { contains: q.beneficiary, mode: "insensitive" } },
      { OR: [{ beneficiaryHiddenUntil: null }, { beneficiaryHiddenUntil: { lte: now } }] },
    );
  if (q.vintage) and.push({ vintage: q.vintage });
  if (q.from) and.push({ createdAt: { gte: new Date(`${q.from}T00:00:00Z`) } });
  if (q.to) and.push({ createdAt: { lt: new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return and.length ? { AND: and } : {};
}

/** The projects a `project` search names (fits the retirements and their totals alike). */
async function projectFilter(q: TPublicRetirementQuery): Promise<{ projectId?: { in: string[] } }> {
  if (!q.project) return {};
  const projects = await prisma.icrProject.findMany({
    where: { OR: [{ fullName: { contains: q.project, mode: "insensitive" } }, { num: q.project }] },
    select: { id: true },
    take: 100,
  });
  return { projectId: { in: projects.map((p) => p.id) } };
}

/** One page, newest first, and (when filtered) the totals per beneficiary of everything that matches. */
export async function listPublicRetirements(q: TPublicRetirementQuery) {
  const now = new Date();
  const project = await projectFilter(q);
  const where: Prisma.IcrRetirementWhereInput = { AND: [filterOf(q, now), project] };
  const [atIso, afterId] = q.after ? q.after.split("_") : [];
  // (createdAt, id) < (at, afterId). The `lte` bound is what PostgreSQL can start an index scan at:
  // with only the OR it reads the index from the newest row and filters out every row of the pages
  // before (90,000 rows for a page near the end of 100,000).
  const keyset: Prisma.IcrRetirementWhereInput = q.after
    ? {
        createdAt: { lte: new Date(atIso!) },
        OR: [
          { createdAt: { lt: new Date(atIso!) } },
          { createdAt: new Date(atIso!), id: { lt: afterId!.toLowerCase() } },
        ],
      }
    : {};
  const rows = await prisma.icrRetirement.findMany({
    where: { AND: [where, keyset] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.first + 1,
  });
  const page = rows.slice(0, q.first);
  const projects = new Map(
    (
      await prisma.icrProject.findMany({
        where: { id: { in: [...new Set(page.map((r) => r.projectId))] } },
        select: { id: true, fullName: true },
      })
    ).map((p) => [p.id, p.fullName]),
  );
  const filtered = !!(q.beneficiary || q.project || q.vintage || q.from || q.to);
  const totals = filtered ? await totalsPerBeneficiary(q, project, now) : [];
  const last = page.at(-1);
  return {
    retirements: page.map((r): TPublicRetirementRow => ({
      id: r.id,
      amount: r.amount.toFixed(),
      projectName: projects.get(r.projectId) ?? "",
      serialization: r.serialization,
      vintage: r.vintage,
      isClaimed: r.isClaimed,
      beneficiary: r.isClaimed && !isBeneficiaryHidden(r.beneficiaryHiddenUntil, now) ? r.beneficiary : null,
      beneficiaryHidden: isBeneficiaryHidden(r.beneficiaryHiddenUntil, now),
      reason: r.isClaimed ? r.reason : null,
      createdAt: r.createdAt.toISOString(),
    })),
    next: rows.length > q.first && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
    totals,
  };
}

/**
 * Claimed, public beneficiaries of the matching retirements with their total, largest first (at most
 * 10). Summed from icr_retirement_total (kept by triggers, one row per beneficiary, project, vintage,
 * UTC day and hidden-until), whose columns are exactly the list's filters: the same figures as
 * summing the retirements, without reading each of them.
 */
async function totalsPerBeneficiary(q: TPublicRetirementQuery, project: { projectId?: { in: string[] } }, now: Date) {
  const and: Prisma.IcrRetirementTotalWhereInput[] = [
    project,
    { OR: [{ beneficiaryHiddenUntil: null }, { beneficiaryHiddenUntil: { lte: now } }] },
  ];
  if (q.beneficiary) and.push({ beneficiary: { contains: q.beneficiary, mode: "insensitive" } });
  if (q.vintage) and.push({ vintage: q.vintage });
  if (q.from) and.push({ day: { gte: new Date(`${q.from}T00:00:00Z`) } });
  if (q.to) and.push({ day: { lte: new Date(`${q.to}T00:00:00Z`) } });
  const groups = await prisma.icrRetirementTotal.groupBy({
    by: ["beneficiary"],
    where: { AND: and },
    _sum: { amount: true, count: true },
    orderBy: { _sum: { amount: "desc" } },
    take: 10,
  });
  return groups.map((g) => ({
    beneficiary: g.beneficiary,
    amount: g._sum.amount?.toFixed() ?? "0",
    count: g._sum.count ?? 0,
  }));
}
