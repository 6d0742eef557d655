import { prisma } from "@/lib/db";
import type { CmRetirement } from "@/lib/generated/prisma/client";
import { CmUserError } from "@/lib/carbonmark/errors";
import { broadcastRetirement } from "@/lib/carbonmark/retirements/broadcast-retirement";
import { finalizeCertificate } from "@/lib/carbonmark/retirements/finalize-certificate";
import { type TWalletConsent, unlockWalletWithConsent } from "@/lib/carbonmark/wallet/wallet-consent";
import { assertAccountMayMove } from "@/lib/carbonmark/account/account-standing";

/**
 * Finishes a retirement that stopped half-way: re-checks (or re-sends with the same nonce) the
 * on-chain retirement, then finalizes the certificate. It needs the owner's consent again (PIN or passkey).
 */
export async function finishRetirement(
  opts: { userId: string; retirementId: string } & TWalletConsent,
): Promise<CmRetirement> {
  const row = await prisma.cmRetirement.findFirst({ where: { id: opts.retirementId, userId: opts.userId } });
  if (!row) throw new CmUserError("This retirement was not found.", "not_found");
  if (row.status === "failed" || row.icrRetirementId) return row;
  await assertAccountMayMove({ userId: opts.userId, action: "retire" });
  const wallet = await unlockWalletWithConsent({ userId: opts.userId, consent: opts });
  const onChain = row.status === "confirmed" ? row : await broadcastRetirement(row, wallet);
  return onChain.status === "confirmed" ? finalizeCertificate(onChain, wallet) : onChain;
}
