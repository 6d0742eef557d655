import { Interface, type Wallet } from "ethers";
import { toBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import type { CmRetirement } from "@/lib/generated/prisma/client";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { sendWalletCall } from "@/lib/carbonmark/wallet/send-wallet-call";

const iface = new Interface(CARBON_CREDIT_ABI);

/**
 * Sends `retire(wallet, tokenId, units)` for a recorded retirement, or re-sends it with the same
 * nonce after a crash; then waits for the receipt. At most one retirement is ever mined per row.
 */
export function broadcastRetirement(row: CmRetirement, wallet: Wallet): Promise<CmRetirement> {
  return sendWalletCall({
    row,
    wallet,
    call: (current) => {
      const { tokenAddress, tokenId } = parseCreditId(current.creditId)!;
      return {
        to: tokenAddress,
        data: iface.encodeFunctionData("retire", [
          wallet.address,
          BigInt(tokenId),
          toBaseUnits(current.amount.toString()),
        ]),
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
