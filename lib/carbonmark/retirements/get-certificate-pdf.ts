import { prisma } from "@/lib/db";
import { getRetirementPdf } from "@/lib/icr/retirements";
import { IcrNotConnectedError, withInstallationToken } from "@/lib/icr/token-store";
import { CmUserError } from "@/lib/carbonmark/errors";
import { icrCertificateUrl } from "@/lib/carbonmark/retirements/icr-certificate-url";

export type TOwnCertificate =
  | { kind: "pdf"; pdf: Uint8Array; icrRetirementId: string }
  /** the owner has no connection to ICR: the registry's public certificate, which needs no token */
  | { kind: "redirect"; url: string };

/**
 * The certificate of one of the user's own retirements, from GET /retirements/{id}/pdf with the
 * user's own access token, never anyone else's. A user who is not connected (any more) is sent to
 * the registry's public certificate instead. Someone else's retirement is "not found".
 */
export async function getCertificatePdf(opts: { userId: string; retirementId: string }): Promise<TOwnCertificate> {
  const row = await prisma.cmRetirement.findFirst({
    where: { id: opts.retirementId, userId: opts.userId },
    select: { icrRetirementId: true },
  });
  if (!row) throw new CmUserError("This retirement was not found.", "not_found");
  if (!row.icrRetirementId)
    throw new CmUserError("This retirement is awaiting its certificate. Finalize it first.", "conflict");
  const icrRetirementId = row.icrRetirementId;
  const connected = await prisma.cmIcrConnection.findUnique({
    where: { userId: opts.userId },
    select: { userId: true },
  });
  if (!connected) return { kind: "redirect", url: icrCertificateUrl(icrRetirementId) };
  try {
    const pdf = await withInstallationToken({ userId: opts.userId }, (s) =>
      getRetirementPdf({ token: s.token, id: icrRetirementId }),
    );
    return { kind: "pdf", pdf, icrRetirementId };
  } catch (err) {
    if (err instanceof IcrNotConnectedError) return { kind: "redirect", url: icrCertificateUrl(icrRetirementId) };
    throw err;
  }
}

/**
 * Where the certificate link of a retirement made on Carbonmark leads (the receipt e-mail's link):
 * the registry's public certificate. Nothing is asked of ICR, so no one's token is spent, whoever
 * follows it. An id Carbonmark did not record is "not found".
 */
export async function certificateLinkTarget(icrRetirementId: string): Promise<string> {
  const row = await prisma.cmRetirement.findFirst({ where: { icrRetirementId }, select: { id: true } });
  if (!row) throw new CmUserError("This retirement was not found.", "not_found");
  return icrCertificateUrl(icrRetirementId);
}
