// The registry's verdict on one of its retirements: its own row (icr_retirement) against the chain.
// Pure: the loader (retirement-proof.ts) reads both halves, this compares them (docs/proof.md).
import { toBaseUnits } from "@/lib/amount-units";
import type { IcrRetirement } from "@/lib/generated/prisma/client";
import type { TRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import { retirementVerdict, type TRetirementVerdict } from "@/lib/proof/retirement-verdict";
import { areDetailsFinal } from "@/lib/registry/retirements/retirement-final";

export type TRegistryRetirementRow = Pick<
  IcrRetirement,
  | "txId"
  | "tokenAddress"
  | "tokenId"
  | "retireeAddress"
  | "amount"
  | "commitment"
  | "commitmentSalt"
  | "beneficiary"
  | "reason"
  | "comment"
  | "isClaimed"
>;

/**
 * Verified, Pending or Mismatch for the registry's row against what the chain says. Verified is
 * exactly a final retirement (retirement-final.ts: the details finalized, the transaction final)
 * whose fields agree with the chain.
 */
export function registryProofVerdict(
  chain: TRetirementOnChain,
  row: TRegistryRetirementRow,
  opts: { finalityNote?: string } = {},
): TRetirementVerdict {
  return retirementVerdict(
    chain,
    {
      txHash: row.txId,
      contract: row.tokenAddress,
      tokenId: row.tokenId,
      account: row.retireeAddress,
      units: toBaseUnits(row.amount.toFixed()),
      commitment: row.commitment,
      details: row.beneficiary
        ? {
            details: { beneficiary: row.beneficiary, reason: row.reason || null, comment: row.comment || null },
            salt: row.commitmentSalt,
          }
        : null,
      detailsFinal: areDetailsFinal(row),
    },
    opts,
  );
}
