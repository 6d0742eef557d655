import { prisma } from "@/lib/db";
import type { TRetirementPage } from "@/lib/icr/retirement-schemas";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { icrCertificateUrl } from "@/lib/carbonmark/retirements/icr-certificate-url";

export type TPublicRetirement = {
  /** the ICR retirement id */
  id: string;
  amount: string;
  projectName: string;
  vintage: string | null;
  serialization: string | null;
  beneficiary: string;
  reason: string;
  retiredAt: string;
  /** the registry's public certificate */
  certificateUrl: string;
};
export type TPublicRetirements = { retirements: TPublicRetirement[]; page: TRetirementPage; hasMore: boolean };

/**
 * One page of the retirements made on Carbonmark that ICR has certified, newest first, from
 * Carbonmark's own records (no ICR call, so no one's access token is spent for a visitor). Each links
 * to the registry's public certificate. The comment stays private; beneficiary and reason are what
 * ICR publishes too. One extra row tells whether there is a next page.
 */
export async function listPublicRetirements(opts: { page: TRetirementPage }): Promise<TPublicRetirements> {
  const { skip, first } = opts.page;
  const rows = await prisma.cmRetirement.findMany({
    where: { status: "confirmed", icrRetirementId: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take: first + 1,
    select: { icrRetirementId: true, creditId: true, amount: true, beneficiary: true, reason: true, createdAt: true },
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
        beneficiary: r.beneficiary,
        reason: r.reason,
        retiredAt: r.createdAt.toISOString(),
        certificateUrl: icrCertificateUrl(r.icrRetirementId!),
      };
    }),
    page: opts.page,
    hasMore: rows.length > first,
  };
}
