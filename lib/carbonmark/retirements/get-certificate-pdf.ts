import { prisma } from "@/lib/db";
import { getRetirementPdf } from "@/lib/icr/retirements";
import { CmUserError } from "@/lib/carbonmark/errors";
import { withAnyIcrToken } from "@/lib/carbonmark/retirements/with-any-icr-token";

/** The PDF certificate of one of the user's retirements, from GET /retirements/{id}/pdf. */
export async function getCertificatePdf(opts: {
  userId: string;
  retirementId: string;
}): Promise<{ pdf: Uint8Array; icrRetirementId: string }> {
  const row = await prisma.cmRetirement.findFirst({
    where: { id: opts.retirementId, userId: opts.userId },
    select: { icrRetirementId: true },
  });
  if (!row) throw new CmUserError("This retirement was not found.", "not_found");
  if (!row.icrRetirementId)
    throw new CmUserError("This retirement is awaiting its certificate. Finalize it first.", "conflict");
  const icrRetirementId = row.icrRetirementId;
  const pdf = await withAnyIcrToken({ userId: opts.userId }, (s) =>
    getRetirementPdf({ token: s.token, id: icrRetirementId }),
  );
  return { pdf, icrRetirementId };
}

/** The certificate of any claimed ICR retirement (the public list links to it; ICR's certificates are public). */
export async function getPublicCertificatePdf(opts: { icrRetirementId: string; userId?: string }): Promise<Uint8Array> {
  return withAnyIcrToken({ userId: opts.userId }, (s) =>
    getRetirementPdf({ token: s.token, id: opts.icrRetirementId }),
  );
}
