import type { IcrRetirement, Prisma } from "@/lib/generated/prisma/client";

/**
 * A retirement is final when its transaction is final and the registry has finalized its details
 * (docs/architecture.md, "What final means"). A row exists only for a mined Retired event and the
 * embedded chain is final at depth 0, so here final means claimed, with a beneficiary. This is the
 * one place that decides it: the certificate is rendered (and, later, signed) only for final ones.
 */
export function isRetirementFinal(r: Pick<IcrRetirement, "isClaimed" | "beneficiary">): boolean {
  return r.isClaimed && !!r.beneficiary;
}

/** The same test as a query filter. */
export const FINAL_RETIREMENT = {
  isClaimed: true,
  beneficiary: { not: null },
} satisfies Prisma.IcrRetirementWhereInput;
