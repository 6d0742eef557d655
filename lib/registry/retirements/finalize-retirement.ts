import { verifyMessage } from "ethers";
import { prisma } from "@/lib/db";
import { badRequest, conflict, forbidden, notFound, unprocessable } from "@/lib/registry/api/errors";
import { retirementCommitment } from "@/lib/proof/retirement-commitment";
import type { TFinalizeBody } from "@/lib/registry/api/schemas";
import { enqueueCertificate } from "@/lib/registry/retirements/certificate-queue";
import { serializeRetirements } from "@/lib/registry/retirements/serialize-retirement";
import { syncRetirements } from "@/lib/registry/retirements/sync-retirements";

/** The exact text the retiree signs (EIP-191 personal message). */
export function finalizeMessage(d: {
  beneficiary: string;
  comment: string;
  reason: string;
  projectAddress: string;
  tokenId: string;
}): string {
  return `${d.beneficiary};;${d.comment};;${d.reason};;${d.projectAddress};;${d.tokenId}`;
}

function recover(body: TFinalizeBody, projectAddress: string): string | undefined {
  try {
    return verifyMessage(finalizeMessage({ ...body.signedData, projectAddress }), body.signature);
  } catch {
    return undefined;
  }
}

/** Sets beneficiary, reason and comment of an on-chain retirement, proven by the retiree's signature. Only once. */
export async function finalizeRetirement(body: TFinalizeBody) {
  const d = body.signedData;
  // Accept the project address as signed in lower case or checksummed.
  const signedAs = [d.projectAddress, d.projectAddress.toLowerCase()];
  const recovered = signedAs.map((a) => recover(body, a)).find((a) => a?.toLowerCase() === body.signer.toLowerCase());
  if (!recovered)
    throw badRequest(
      "The signature does not match the signer and the signed data (beneficiary;;comment;;reason;;projectAddress;;tokenId)",
    );

  await syncRetirements();
  const ofToken = await prisma.icrRetirement.findMany({
    where: { tokenAddress: { equals: d.projectAddress, mode: "insensitive" }, tokenId: d.tokenId },
    orderBy: { createdAt: "desc" },
  });
  if (!ofToken.length)
    throw notFound(`No retirement of token ${d.tokenId} of project contract ${d.projectAddress} was found`);
  const mine = ofToken.filter((r) => r.retireeAddress.toLowerCase() === body.signer.toLowerCase());
  if (!mine.length)
    throw forbidden("Only the address that retired these credits on chain may finalize the certificate");
  const unclaimed = mine.filter((r) => !r.isClaimed && !r.beneficiary);
  if (!unclaimed.length) throw conflict("This retirement is already finalized: it has a beneficiary");
  // A burn that bound a commitment (DetailsBound) takes only the details it committed to.
  const details = { beneficiary: d.beneficiary, reason: d.reason || null, comment: d.comment || null };
  const committed = body.commitmentSalt ? retirementCommitment(details, body.commitmentSalt) : undefined;
  const open =
    unclaimed.find((r) => r.commitment && r.commitment === committed) ?? unclaimed.find((r) => !r.commitment);
  if (!open)
    throw unprocessable(
      body.commitmentSalt
        ? "These details do not match the commitment the retirement bound on chain (DetailsBound): beneficiary, reason, comment and commitmentSalt must be exactly those committed to"
        : "This retirement bound its details on chain (DetailsBound): send the commitmentSalt with the same details",
    );
  // The details are finalized: its certificate is queued in the same transaction, rendered and signed
  // once by the worker when the transaction is final too (on Polygon a few seconds after it was mined).
  const count = await prisma.$transaction(async (db) => {
    const { count } = await db.icrRetirement.updateMany({
      where: { id: open.id, isClaimed: false, beneficiary: null },
      data: {
        isClaimed: true,
        beneficiary: d.beneficiary,
        reason: d.reason || null,
        comment: d.comment || null,
        claimedAt: new Date(),
        commitmentSalt: open.commitment ? body.commitmentSalt : null,
        beneficiaryHiddenUntil: body.hideBeneficiaryUntil ? new Date(body.hideBeneficiaryUntil) : null,
      },
    });
    if (count) await enqueueCertificate(db, open.id);
    return count;
  });
  if (!count) throw conflict("This retirement is already finalized: it has a beneficiary");
  const [r] = await serializeRetirements([await prisma.icrRetirement.findUniqueOrThrow({ where: { id: open.id } })]);
  return r;
}
