// The one place that decides whether one of the registry's retirements is final (docs/finality.md):
// its transaction is final and the registry has finalized its details. The registry signs a
// retirement's record and renders its certificate only once it is final.
import type { IcrRetirement, Prisma } from "@/lib/generated/prisma/client";
import type { TRetirementOnChain } from "@/lib/proof/retirement-on-chain";

type TRow = Pick<IcrRetirement, "isClaimed" | "beneficiary" | "txId" | "logIndex" | "tokenAddress">;

/**
 * The registry's half: the details are finalized (claimed, with a beneficiary). A row is recorded
 * for a mined Retired event and claimed as soon as the retiree finalizes it, which may be before
 * its transaction is final (Polygon: seconds; a reorg may still drop it).
 */
export function areDetailsFinal(r: Pick<IcrRetirement, "isClaimed" | "beneficiary">): boolean {
  return r.isClaimed && !!r.beneficiary;
}

/** `areDetailsFinal` as a query filter: the candidates, whose chain half is then read (`isRetirementFinal`). */
export const DETAILS_FINAL = {
  isClaimed: true,
  beneficiary: { not: null },
} satisfies Prisma.IcrRetirementWhereInput;

/**
 * Final: the details are finalized and `chain` (read by lib/proof/retirement-on-chain.ts for this
 * row's transaction, contract and log index) is this burn on the final chain.
 */
export function isRetirementFinal(r: TRow, chain: TRetirementOnChain): boolean {
  return (
    areDetailsFinal(r) &&
    chain.found &&
    chain.final &&
    chain.txHash.toLowerCase() === r.txId.toLowerCase() &&
    chain.contract.toLowerCase() === r.tokenAddress.toLowerCase() &&
    chain.logIndex === r.logIndex
  );
}

/** Why a retirement whose details are finalized is not final yet, in words for a 409 (null: it is final). */
export function notFinalOnChain(r: TRow, chain: TRetirementOnChain): string | null {
  if (isRetirementFinal(r, chain)) return null;
  if (!chain.found || chain.logIndex !== r.logIndex)
    return "its transaction is not on the chain now (a reorg may have taken it away); the registry waits for the chain to hold it in a final block";
  return `its transaction (block ${chain.blockNumber}) is not final on chain yet; the registry renders and signs the certificate once it is, usually within a minute`;
}
