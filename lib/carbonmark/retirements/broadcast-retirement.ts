import type { Wallet } from "ethers";
import { toBaseUnits } from "@/lib/amount";
import { carbonCreditVersion, retireCallData } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import type { CmRetirement } from "@/lib/generated/prisma/client";
import { retirementCommitment } from "@/lib/proof/retirement-commitment";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { sendWalletCall } from "@/lib/carbonmark/wallet/send-wallet-call";

/**
 * Sends `retire(wallet, tokenId, units, …)` for a recorded retirement, or re-sends it with the same
 * nonce after a crash; then waits for the receipt. At most one retirement is ever mined per row.
 * On version-2 contracts the burn binds the salted commitment of the row's details (DetailsBound).
 */
export async function broadcastRetirement(row: CmRetirement, wallet: Wallet): Promise<CmRetirement> {
  const version = await carbonCreditVersion(parseCreditId(row.creditId)!.tokenAddress, provider());
  return sendWalletCall({
    row,
    wallet,
    call: (current) => {
      const { tokenAddress, tokenId } = parseCreditId(current.creditId)!;
      return {
        to: tokenAddress,
        data: retireCallData(version, {
          account: wallet.address,
          tokenId: BigInt(tokenId),
          units: toBaseUnits(current.amount.toString()),
          commitment: commitmentOf(current),
        }),
      };
    },
    load: (db, id) => db.cmRetirement.findUniqueOrThrow({ where: { id } }),
    save: (db, id, data) => db.cmRetirement.update({ where: { id }, data }),
    messages: {
      reverted: "The retirement was reverted on chain. Nothing was retired.",
      nonceUsed: "The retirement was not sent (its nonce was used by another transaction). Nothing was retired.",
      refused: "The chain refused the retirement. Nothing was retired.",
    },
  });
}

/** The details commitment the burn binds, or undefined for rows recorded before salts existed. */
export function commitmentOf(
  row: Pick<CmRetirement, "beneficiary" | "reason" | "comment" | "commitmentSalt">,
): string | undefined {
  if (!row.commitmentSalt) return undefined;
  return retirementCommitment(retirementDetailsOf(row), row.commitmentSalt);
}

/** The details as ICR records them after finalize (empty reason or comment: none). */
export function retirementDetailsOf(row: Pick<CmRetirement, "beneficiary" | "reason" | "comment">) {
  return { beneficiary: row.beneficiary, reason: row.reason || null, comment: row.comment || null };
}
