import { formatAmount, fromBaseUnits, toBaseUnits } from "@/lib/amount";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { isUniqueViolation, prisma } from "@/lib/db";
import type { CmRetirement } from "@/lib/generated/prisma/client";
import { CmUserError } from "@/lib/carbonmark/errors";
import { requireListedCredit } from "@/lib/carbonmark/credits/listed-credits";
import { syncHolding } from "@/lib/carbonmark/portfolio/index-holdings";
import { logger } from "@/lib/log/logger";
import { broadcastRetirement } from "@/lib/carbonmark/retirements/broadcast-retirement";
import { finalizeCertificate } from "@/lib/carbonmark/retirements/finalize-certificate";
import type { TRetireCredits } from "@/lib/carbonmark/retirements/schemas";
import { newCommitmentSalt } from "@/lib/proof/retirement-commitment";
import { unlockWalletWithConsent } from "@/lib/carbonmark/wallet/wallet-consent";
import { assertAccountMayMove } from "@/lib/carbonmark/account/account-standing";

/**
 * Retires credits from the user's wallet: PIN (or passkey) → key → `retire` on chain → certificate finalized on
 * ICR. Idempotent by the key (a double click makes one retirement) and crash-safe (see
 * broadcastRetirement). If ICR cannot finalize, the row stays "awaiting certificate".
 */
export async function retireCredits(opts: TRetireCredits & { userId: string }): Promise<CmRetirement> {
  const existing = await prisma.cmRetirement.findUnique({ where: { idempotencyKey: opts.idempotencyKey } });
  if (existing && existing.userId !== opts.userId)
    throw new CmUserError("This retirement belongs to someone else.", "forbidden");
  if (existing && (existing.status === "failed" || existing.icrRetirementId)) return existing;

  await assertAccountMayMove({ userId: opts.userId, action: "retire" });
  const wallet = await unlockWalletWithConsent({ userId: opts.userId, consent: opts });
  let row = existing;
  if (!row) {
    const credit = await requireListedCredit(opts.creditId);
    const held = (await carbonCredit(credit.tokenAddress, provider()).balanceOf(
      wallet.address,
      BigInt(credit.tokenId),
    )) as bigint;
    if (held === 0n) throw new CmUserError("Your wallet does not hold this asset.", "not_found");
    if (toBaseUnits(opts.quantity) > held)
      throw new CmUserError(
        `Your wallet holds only ${formatAmount(fromBaseUnits(held))} of this asset.`,
        "invalid_input",
      );
    try {
      row = await prisma.cmRetirement.create({
        data: {
          userId: opts.userId,
          idempotencyKey: opts.idempotencyKey,
          creditId: opts.creditId,
          amount: opts.quantity,
          beneficiary: opts.beneficiary,
          reason: opts.reason,
          comment: opts.comment,
          // binds the details to the burn (retirementCommitment); sent to ICR with them
          commitmentSalt: newCommitmentSalt(),
          beneficiaryHiddenUntil: opts.hideBeneficiaryUntil,
        },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      row = await prisma.cmRetirement.findUniqueOrThrow({ where: { idempotencyKey: opts.idempotencyKey } });
    }
  }
  const onChain = await broadcastRetirement(row, wallet);
  if (onChain.status === "confirmed")
    await syncHolding({ userId: onChain.userId, address: wallet.address, creditId: onChain.creditId }).catch((err) =>
      logger.warn({ err, retirementId: onChain.id }, "the holding is refreshed by the indexer instead"),
    );
  return onChain.status === "confirmed" ? finalizeCertificate(onChain, wallet) : onChain;
}
