// One verdict on a retirement: what the chain says (lib/proof/retirement-on-chain.ts) compared with
// what a record claims (the registry's row, or Carbonmark's own). Neutral and pure: the registry's
// proof page and Carbonmark's retirement page both call it (docs/proof.md).
import type { TRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import { retirementCommitment, type TRetirementDetails } from "@/lib/proof/retirement-commitment";

/** What a record says about a retirement, in chain terms. */
export type TClaimedRetirement = {
  txHash: string;
  contract: string;
  tokenId: string;
  account: string;
  /** base units (1 tCO₂e = 10^18) */
  units: bigint;
  /** the commitment the record says the burn bound, when it stores one */
  commitment?: string | null;
  /** the details and salt the record holds, to recompute the commitment (null: none yet) */
  details: { details: TRetirementDetails; salt: string | null } | null;
  /** whether the record's details are finalized (the registry: claimed, with a beneficiary) */
  detailsFinal: boolean;
};

export type TVerdictField = "transaction" | "contract" | "token" | "account" | "amount" | "details commitment";

export type TRetirementVerdict =
  | { verdict: "verified"; detailsBound: boolean; notes: string[] }
  | { verdict: "pending"; waitingFor: string[]; notes: string[] }
  | { verdict: "mismatch"; fields: { field: TVerdictField; chain: string; record: string }[] };

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

const NOT_FOUND: Record<Extract<TRetirementOnChain, { found: false }>["why"], string> = {
  no_receipt: "no such transaction on chain",
  reverted: "the transaction reverted (nothing was burned)",
  no_retired_event: "the transaction has no Retired event of this contract",
};

/**
 * Verified: every field agrees, the transaction is final and the details are finalized.
 * Mismatch: names each field that differs (it wins over Pending: a difference never heals by waiting).
 * Pending: says what it waits for.
 */
export function retirementVerdict(
  chain: TRetirementOnChain,
  record: TClaimedRetirement,
  opts: { finalityNote?: string } = {},
): TRetirementVerdict {
  if (!chain.found) {
    const field: TVerdictField = chain.why === "no_retired_event" ? "contract" : "transaction";
    const chainSays =
      chain.why === "no_retired_event"
        ? `no Retired event of ${record.contract} in ${record.txHash}`
        : NOT_FOUND[chain.why];
    return {
      verdict: "mismatch",
      fields: [
        {
          field,
          chain: chainSays,
          record: field === "contract" ? record.contract : `${record.txHash} retired credits`,
        },
      ],
    };
  }
  const fields: { field: TVerdictField; chain: string; record: string }[] = [];
  if (!same(chain.txHash, record.txHash))
    fields.push({ field: "transaction", chain: chain.txHash, record: record.txHash });
  if (!same(chain.contract, record.contract))
    fields.push({ field: "contract", chain: chain.contract, record: record.contract });
  if (chain.tokenId !== record.tokenId) fields.push({ field: "token", chain: chain.tokenId, record: record.tokenId });
  if (!same(chain.account, record.account))
    fields.push({ field: "account", chain: chain.account, record: record.account });
  if (chain.units !== record.units)
    fields.push({ field: "amount", chain: `${chain.units} base units`, record: `${record.units} base units` });

  const notes: string[] = [];
  const waitingFor: string[] = [];
  const commitment = commitmentCheck(chain.commitment, record);
  if (commitment.mismatch) fields.push({ field: "details commitment", ...commitment.mismatch });
  if (commitment.note) notes.push(commitment.note);
  if (fields.length) return { verdict: "mismatch", fields };

  if (!chain.final)
    waitingFor.push(
      `the transaction to be final (mined in block ${chain.blockNumber}${opts.finalityNote ? `; ${opts.finalityNote}` : ""})`,
    );
  if (!record.detailsFinal || commitment.waiting)
    waitingFor.push("the retiree to finalize the details (beneficiary, reason, comment) at the registry");
  if (waitingFor.length) return { verdict: "pending", waitingFor, notes };
  return { verdict: "verified", detailsBound: !!chain.commitment, notes };
}

function commitmentCheck(
  onChain: string | null,
  record: TClaimedRetirement,
): { mismatch?: { chain: string; record: string }; note?: string; waiting?: boolean } {
  const none = "none (details not bound)";
  if (record.commitment !== undefined && !same(onChain, record.commitment))
    return { mismatch: { chain: onChain ?? none, record: record.commitment ?? none } };
  if (!onChain) {
    return {
      note: "The details (beneficiary, reason, comment) were not bound on chain: this retirement was made without a commitment (a contract from before version 2, or a retirement made before commitments). The chain proves the burn; the details rest on the registry's word.",
    };
  }
  if (!record.details || !record.detailsFinal) return { waiting: true };
  if (!record.details.salt) return { mismatch: { chain: onChain, record: "no salt for the bound commitment" } };
  const recomputed = retirementCommitment(record.details.details, record.details.salt);
  if (!same(onChain, recomputed)) return { mismatch: { chain: onChain, record: recomputed } };
  return {};
}
