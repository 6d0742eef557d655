// Carbonmark's own verdict on one of its users' retirements, without any ICR token: it reads the
// chain itself (lib/proof/retirement-on-chain.ts) and compares it with its own cm_retirement row
// (transaction, contract, token, wallet, amount, and the commitment recomputed from its salt and
// details). The registry's public proof page is linked beside it (docs/proof.md).
import { toBaseUnits } from "@/lib/amount-units";
import type { CmRetirement } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { readRetirementOnChain, type TRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import { retirementVerdict, type TRetirementVerdict } from "@/lib/proof/retirement-verdict";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { commitmentOf, retirementDetailsOf } from "@/lib/carbonmark/retirements/broadcast-retirement";

export type TCmRetirementVerdict =
  | { status: "not_sent" }
  | { status: "unreadable"; unreadable: "chain" }
  | { status: "checked"; verdict: TRetirementVerdict; chain: TRetirementOnChain };

const finalChain = new Map<string, TRetirementOnChain>();

async function chainOf(txHash: string, tokenAddress: string): Promise<TRetirementOnChain> {
  const key = `${txHash}:${tokenAddress}`.toLowerCase();
  const known = finalChain.get(key);
  if (known) return known;
  const chain = await readRetirementOnChain({ txHash, tokenAddress });
  if (chain.found && chain.final) {
    finalChain.set(key, chain);
    if (finalChain.size > 10_000) finalChain.delete(finalChain.keys().next().value!);
  }
  return chain;
}

/** The chain against Carbonmark's own row: Verified, Pending (what for) or Mismatch (which fields). */
export function cmChainVerdict(
  chain: TRetirementOnChain,
  row: Pick<
    CmRetirement,
    "txHash" | "creditId" | "amount" | "beneficiary" | "reason" | "comment" | "commitmentSalt" | "icrRetirementId"
  >,
  walletAddress: string,
): TRetirementVerdict {
  const { tokenAddress, tokenId } = parseCreditId(row.creditId)!;
  return retirementVerdict(chain, {
    txHash: row.txHash!,
    contract: tokenAddress,
    tokenId,
    account: walletAddress,
    units: toBaseUnits(row.amount.toFixed()),
    // Rows from before salts existed bound nothing: their commitment is not asserted.
    commitment: row.commitmentSalt ? (commitmentOf(row) ?? null) : undefined,
    details: { details: retirementDetailsOf(row), salt: row.commitmentSalt },
    detailsFinal: !!row.icrRetirementId,
  });
}

/**
 * The verdict Carbonmark shows on a retirement's page. The seam for the registry's signed record:
 * a check of it against the registry's published keys is added here, and its differences join the
 * chain's (a signed record that disagrees is a Mismatch; one not yet issued keeps it Pending).
 */
export async function retirementVerdictOf(row: CmRetirement, walletAddress: string): Promise<TCmRetirementVerdict> {
  if (!row.txHash) return { status: "not_sent" };
  let chain: TRetirementOnChain;
  try {
    chain = await chainOf(row.txHash, parseCreditId(row.creditId)!.tokenAddress);
  } catch (err) {
    logger.warn(
      { err: { message: (err as Error).message }, retirementId: row.id },
      "verdict: the chain cannot be read",
    );
    return { status: "unreadable", unreadable: "chain" };
  }
  return { status: "checked", chain, verdict: cmChainVerdict(chain, row, walletAddress) };
}

/** The verdict on the user's own retirement `id` (undefined when it is not theirs). */
export async function myRetirementVerdict(opts: {
  userId: string;
  id: string;
  walletAddress: string;
}): Promise<TCmRetirementVerdict | undefined> {
  const row = await prisma.cmRetirement.findFirst({ where: { id: opts.id, userId: opts.userId } });
  return row ? retirementVerdictOf(row, opts.walletAddress) : undefined;
}
