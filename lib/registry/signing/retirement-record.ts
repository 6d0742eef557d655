// The record the registry signs for a final retirement: its facts as the registry holds them.
import type { IcrProject, IcrRetirement } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { provider } from "@/lib/chain/provider";
import type { TRetirementRecord } from "@/lib/proof/signed-record";

const globalForRecord = globalThis as unknown as { registryChainId?: Promise<bigint> };

/** The chain the registry's contracts live on (CHAIN_ID, or asked of the node once). */
async function chainId(): Promise<string> {
  const configured = config().CHAIN_ID;
  if (configured) return String(configured);
  globalForRecord.registryChainId ??= provider()
    .getNetwork()
    .then((n) => n.chainId);
  return String(await globalForRecord.registryChainId);
}

/**
 * Columns of a retirement that binds its details on chain (the `DetailsBound` commitment and its
 * salt) and that may hide its beneficiary from the public until a date; absent on older rows.
 */
type TProofColumns = {
  commitment?: string | null;
  commitmentSalt?: string | null;
  beneficiaryHiddenUntil?: Date | null;
};

/**
 * The record of a final retirement. While its beneficiary is hidden, the record (public, like the
 * certificate) leaves out the beneficiary and the salt (with the salt, the commitment would let
 * anyone test guessed names) and says until when; the certificate is signed again at that date.
 */
export async function retirementRecord(
  r: IcrRetirement & TProofColumns,
  project: Pick<IcrProject, "id" | "num" | "fullName">,
  now = new Date(),
): Promise<TRetirementRecord> {
  const finalizedAt = r.claimedAt ?? r.createdAt;
  const hiddenUntil = r.beneficiaryHiddenUntil && r.beneficiaryHiddenUntil > now ? r.beneficiaryHiddenUntil : null;
  return {
    v: 1,
    type: "icr-retirement",
    id: r.id,
    chainId: await chainId(),
    contract: r.tokenAddress,
    tokenId: r.tokenId,
    txHash: r.txId,
    logIndex: r.logIndex,
    account: r.retireeAddress,
    amount: r.amount.toFixed(),
    serialization: r.serialization,
    vintage: r.vintage,
    project: { id: project.id, num: project.num, name: project.fullName },
    beneficiary: hiddenUntil ? null : r.beneficiary,
    ...(hiddenUntil ? { beneficiaryHiddenUntil: hiddenUntil.toISOString() } : {}),
    reason: r.reason,
    comment: r.comment,
    ...(r.commitment ? { commitment: r.commitment } : {}),
    ...(r.commitmentSalt && !hiddenUntil ? { commitmentSalt: r.commitmentSalt } : {}),
    finalizedAt: finalizedAt.toISOString(),
  };
}
