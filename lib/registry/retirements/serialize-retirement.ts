import { prisma } from "@/lib/db";
import type { IcrRetirement } from "@/lib/generated/prisma/client";
import { isBeneficiaryHidden } from "@/lib/beneficiary-privacy";
import { projectRef } from "@/lib/registry/project-ref";

type TPage = { total: number; currentPage: number; pageCount: number; nextPage: number; prevPage: number };

/** Retirements in the documented shape. Unclaimed ones show only amount and project (plus id, date and isClaimed to address them). */
export async function serializeRetirements(rows: IcrRetirement[], page?: TPage) {
  const projects = new Map(
    (await prisma.icrProject.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } } })).map(
      (p) => [p.id, p],
    ),
  );
  return rows.map((r) => {
    const project = projectRef(projects.get(r.projectId)!);
    const amount = Number(r.amount.toFixed());
    if (!r.isClaimed) return { createdAt: r.createdAt.toISOString(), id: r.id, isClaimed: false, amount, project };
    return {
      createdAt: r.createdAt.toISOString(),
      id: r.id,
      isClaimed: true,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.comment ? { comment: r.comment } : {}),
      // A beneficiary the retiree hid stays out of every answer until its date (docs/proof.md).
      ...(r.beneficiary && !isBeneficiaryHidden(r.beneficiaryHiddenUntil) ? { beneficiary: r.beneficiary } : {}),
      ...(r.organizationId ? { organizationId: r.organizationId } : {}),
      ...(page ? { organizationOwner: page } : {}),
      serialization: r.serialization,
      vintage: r.vintage,
      amount,
      project,
    };
  });
}
