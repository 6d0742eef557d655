import { z } from "zod";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TRetirementPage } from "@/lib/icr/retirement-schemas";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { isBeneficiaryHidden } from "@/lib/beneficiary-privacy";
import { icrProofUrl } from "@/lib/carbonmark/retirements/icr-proof-url";
import { icrCertificateUrl } from "@/lib/carbonmark/retirements/icr-certificate-url";

export type TPublicRetirement = {
  /** the ICR retirement id */
  id: string;
  amount: string;
  projectName: string;
  vintage: string | null;
  serialization: string | null;
  /** null while the retiree keeps the name private (beneficiaryHiddenUntil) */
  beneficiary: string | null;
  reason: string;
  retiredAt: string;
  /** the registry's public certificate */
  certificateUrl: string;
  /** the registry's public proof */
  proofUrl: string;
};
export type TPublicRetirements = {
  retirements: TPublicRetirement[];
  page: TRetirementPage;
  hasMore: boolean;
  /** keyset cursor of the next page (`after`), or null on the last */
  next: string | null;
  /** per public beneficiary, of everything the filters match (top 10); empty without filters */
  totals: { beneficiary: string; amount: string; count: number }[];
};

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are YYYY-MM-DD");

/** The public list's search and filters, and its keyset cursor (`<createdAt ISO>_<id>`). */
export const ZPublicRetirementFilters = z.object({
  beneficiary: z.string().trim().max(200).optional(),
  project: z.string().trim().max(200).optional(),
  vintage: z.string().trim().max(20).optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/i, "Not a page of this list")
    .optional(),
});
export type TPublicRetirementFilters = z.output<typeof ZPublicRetirementFilters>;

async function whereOf(f: TPublicRetirementFilters, now: Date): Promise<Prisma.CmRetirementWhereInput> {
  const and: Prisma.CmRetirementWhereInput[] = [{ status: "confirmed", icrRetirementId: { not: null } }];
  if (f.beneficiary)
    and.push(
      { beneficiary: { contains: f.beneficiary, mode: "insensitive" } },
      { OR: [{ beneficiaryHiddenUntil: null }, { beneficiaryHiddenUntil: { lte: now } }] },
    );
  if (f.project || f.vintage) {
    const credits = await prisma.cmImport.findMany({
      where: {
        ...(f.project ? { projectName: { contains: f.project, mode: "insensitive" } } : {}),
        ...(f.vintage ? { vintage: f.vintage } : {}),
      },
      distinct: ["creditId"],
      select: { creditId: true },
      take: 1000,
    });
    and.push({ creditId: { in: credits.map((c) => c.creditId) } });
  }
  if (f.from) and.push({ createdAt: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ createdAt: { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return { AND: and };
}

/**
 * One page of the retirements made on Carbonmark that ICR has certified, newest first, from
 * Carbonmark's own records (no ICR call, so no one's access token is spent for a visitor). Each links
 * to the registry's public certificate. The comment stays private; beneficiary and reason are what
 * ICR publishes too. One extra row tells whether there is a next page.
 */
export async function listPublicRetirements(opts: {
  page: TRetirementPage;
  filters?: TPublicRetirementFilters;
}): Promise<TPublicRetirements> {
  const { skip, first } = opts.page;
  const f = opts.filters ?? {};
  const now = new Date();
  const where = await whereOf(f, now);
  const [atIso, afterId] = f.after ? f.after.split("_") : [];
  const rows = await prisma.cmRetirement.findMany({
    where: f.after
      ? {
          AND: [
            where,
            {
              // the `lte` bound lets PostgreSQL start its index scan at the cursor instead of filtering
              // out every row of the pages before
              createdAt: { lte: new Date(atIso!) },
              OR: [
                { createdAt: { lt: new Date(atIso!) } },
                { createdAt: new Date(atIso!), id: { lt: afterId!.toLowerCase() } },
              ],
            },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: f.after ? 0 : skip,
    take: first + 1,
    select: {
      icrRetirementId: true,
      creditId: true,
      amount: true,
      beneficiary: true,
      beneficiaryHiddenUntil: true,
      reason: true,
      createdAt: true,
      id: true,
    },
  });
  // What a credit is, from the imports that brought it (any user's: it describes the credit, not them).
  const imports = await prisma.cmImport.findMany({
    where: { creditId: { in: [...new Set(rows.map((r) => r.creditId))] } },
    distinct: ["creditId"],
    select: { creditId: true, projectName: true, serialization: true, vintage: true },
  });
  const meta = new Map(imports.map((i) => [i.creditId, i]));
  return {
    retirements: rows.slice(0, first).map((r) => {
      const m = meta.get(r.creditId);
      return {
        id: r.icrRetirementId!,
        amount: r.amount.toString(),
        projectName: m?.projectName ?? parseCreditId(r.creditId)?.tokenAddress ?? r.creditId,
        vintage: m?.vintage ?? null,
        serialization: m?.serialization ?? null,
        beneficiary: isBeneficiaryHidden(r.beneficiaryHiddenUntil) ? null : r.beneficiary,
        reason: r.reason,
        retiredAt: r.createdAt.toISOString(),
        certificateUrl: icrCertificateUrl(r.icrRetirementId!),
        proofUrl: icrProofUrl(r.icrRetirementId!),
      };
    }),
    page: opts.page,
    hasMore: rows.length > first,
    next: rows.length > first ? `${rows[first - 1]!.createdAt.toISOString()}_${rows[first - 1]!.id}` : null,
    totals: f.beneficiary || f.project || f.vintage || f.from || f.to ? await totals(where, now) : [],
  };
}

async function totals(where: Prisma.CmRetirementWhereInput, now: Date) {
  const groups = await prisma.cmRetirement.groupBy({
    by: ["beneficiary"],
    where: { AND: [where, { OR: [{ beneficiaryHiddenUntil: null }, { beneficiaryHiddenUntil: { lte: now } }] }] },
    _sum: { amount: true },
    _count: { _all: true },
    orderBy: { _sum: { amount: "desc" } },
    take: 10,
  });
  return groups.map((g) => ({
    beneficiary: g.beneficiary,
    amount: g._sum.amount?.toFixed() ?? "0",
    count: g._count._all,
  }));
}
