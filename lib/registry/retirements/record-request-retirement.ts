import { Interface, type TransactionReceipt } from "ethers";
import { fromBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/db";
import { enqueueCertificate } from "@/lib/registry/retirements/certificate-queue";

const iface = new Interface(CARBON_CREDIT_ABI);

/** Records the retirement of a processed retire / transfer_retire request (claimed: ICR knows the beneficiary, so it is final). */
export async function recordRequestRetirement(db: TTx, r: IcrCreditRequest, receipt: TransactionReceipt) {
  const log = receipt.logs.find(
    (l) => l.address.toLowerCase() === r.tokenAddress.toLowerCase() && iface.parseLog(l)?.name === "Retired",
  );
  if (!log) throw new Error(`no Retired event in ${receipt.hash}`);
  const event = iface.parseLog(log)!;
  const credit = await db.icrCredit.findUniqueOrThrow({ where: { id: r.creditId } });
  const org = await db.icrOrganization.findUniqueOrThrow({ where: { id: r.toOrganizationId ?? r.organizationId } });
  const claim = {
    organizationId: org.id,
    isClaimed: true,
    beneficiary: r.beneficiaryName ?? org.fullName,
    reason: r.retirementReason,
    comment: r.retirementComment,
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
  // Mined and claimed: final, so its certificate is queued with this transaction.
  await enqueueCertificate(db, retirement.id);
  return retirement;
}
