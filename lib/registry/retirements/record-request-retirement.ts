import { Interface, type TransactionReceipt } from "ethers";
import { fromBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import type { TDb, TTx } from "@/lib/db";
import type { TRetirementDetails } from "@/lib/proof/retirement-commitment";
import { enqueueCertificate } from "@/lib/registry/retirements/certificate-queue";

const iface = new Interface(CARBON_CREDIT_ABI);

/**
 * The details a retire request records: the beneficiary named in the request, else the organization.
 * The registry's retire call binds exactly these (with the request's salt) to the burn.
 */
export async function requestRetirementDetails(
  db: TDb,
  r: Pick<
    IcrCreditRequest,
    "beneficiaryName" | "retirementReason" | "retirementComment" | "organizationId" | "toOrganizationId"
  >,
): Promise<TRetirementDetails> {
  const org = await db.icrOrganization.findUniqueOrThrow({ where: { id: r.toOrganizationId ?? r.organizationId } });
  return {
    beneficiary: r.beneficiaryName ?? org.fullName,
    reason: r.retirementReason || null,
    comment: r.retirementComment || null,
  };
}

/** Records the retirement of a processed retire / transfer_retire request (claimed: ICR knows the beneficiary, so it is final). */
export async function recordRequestRetirement(db: TTx, r: IcrCreditRequest, receipt: TransactionReceipt) {
  const log = receipt.logs.find(
    (l) => l.address.toLowerCase() === r.tokenAddress.toLowerCase() && iface.parseLog(l)?.name === "Retired",
  );
  if (!log) throw new Error(`no Retired event in ${receipt.hash}`);
  const event = iface.parseLog(log)!;
  const credit = await db.icrCredit.findUniqueOrThrow({ where: { id: r.creditId } });
  const details = await requestRetirementDetails(db, r);
  const next = receipt.logs.find((l) => l.index > log.index && l.address.toLowerCase() === log.address.toLowerCase());
  const bound =
    next && iface.parseLog(next)?.name === "DetailsBound" ? (iface.parseLog(next)!.args.commitment as string) : null;
  const claim = {
    organizationId: r.toOrganizationId ?? r.organizationId,
    isClaimed: true,
    ...details,
    commitment: bound,
    commitmentSalt: bound ? r.commitmentSalt : null,
    requestId: r.id,
    claimedAt: new Date(),
  };
  const retirement = await db.icrRetirement.upsert({
    where: { txId_logIndex: { txId: receipt.hash, logIndex: log.index } },
    create: {
      txId: receipt.hash,
      logIndex: log.index,
      retireeAddress: event.args.account as string,
      creditId: credit.id,
      tokenAddress: credit.tokenAddress,
      tokenId: credit.tokenId,
      serialization: credit.serialization,
      vintage: credit.vintage,
      amount: fromBaseUnits(event.args.amount as bigint),
      projectId: credit.projectId,
      ...claim,
    },
    update: claim,
  });
  await db.icrCreditRequest.update({ where: { id: r.id }, data: { retirementId: retirement.id } });
  // Claimed, and mined in a final block (process-request.ts finishes only on a final receipt): final,
  // so its certificate is queued with this transaction.
  await enqueueCertificate(db, retirement.id);
  return retirement;
}
