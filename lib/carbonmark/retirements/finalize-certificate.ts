import { getAddress, type Wallet } from "ethers";
import { compareAmounts } from "@/lib/amount";
import { prisma } from "@/lib/db";
import type { CmRetirement, Prisma } from "@/lib/generated/prisma/client";
import { announceWhenFinal } from "@/lib/carbonmark/retirements/announce-retirement";
import { IcrApiError } from "@/lib/icr/errors";
import { finalizeMessage, finalizeRetirement, listRetirements } from "@/lib/icr/retirements";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { withAnyIcrToken } from "@/lib/carbonmark/retirements/with-any-icr-token";
import { logger } from "@/lib/log/logger";

const FINALIZE_LOCK_NAMESPACE = 0x1c41;

/**
 * Claims the certificate of a confirmed on-chain retirement: signs
 * `beneficiary;;comment;;reason;;projectAddress;;tokenId` with the wallet key and posts it to
 * POST /retirements/finalize. A failure is recorded (lastError) and the retirement stays
 * "awaiting certificate"; it is never lost and can be finalized again later.
 */
export async function finalizeCertificate(row: CmRetirement, wallet: Wallet): Promise<CmRetirement> {
  return prisma.$transaction(
    async (db) => {
      // One finalize per retirement at a time: a double click never posts twice.
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${FINALIZE_LOCK_NAMESPACE}::int, hashtext(${row.id})::int)`;
      const current = await db.cmRetirement.findUniqueOrThrow({ where: { id: row.id } });
      if (current.status !== "confirmed" || current.icrRetirementId) return current;

      const { tokenAddress, tokenId } = parseCreditId(current.creditId)!;
      const signedData = {
        beneficiary: current.beneficiary,
        comment: current.comment,
        reason: current.reason,
        projectAddress: getAddress(tokenAddress.toLowerCase()),
        tokenId,
      };
      const signature = await wallet.signMessage(finalizeMessage(signedData));
      try {
        const icr = await withAnyIcrToken({ userId: current.userId }, (s) =>
          finalizeRetirement({
            token: s.token,
            signer: wallet.address,
            signature,
            signedData,
            commitmentSalt: current.commitmentSalt ?? undefined,
            hideBeneficiaryUntil: current.beneficiaryHiddenUntil?.toISOString(),
          }),
        );
        return certified(
          db,
          await db.cmRetirement.update({ where: { id: row.id }, data: { icrRetirementId: icr.id, lastError: null } }),
        );
      } catch (err) {
        // 409: ICR already has a beneficiary, e.g. our earlier finalize succeeded but its answer was lost.
        if (err instanceof IcrApiError && err.status === 409) {
          const found = await findClaimed(current).catch(() => undefined);
          if (found)
            return certified(
              db,
              await db.cmRetirement.update({
                where: { id: row.id },
                data: { icrRetirementId: found, lastError: null },
              }),
            );
        }
        const message =
          err instanceof IcrApiError
            ? err.isUnavailable
              ? "ICR is not answering right now."
              : `ICR refused the certificate: ${err.message}`
            : (err as Error).message;
        logger.warn(
          {
            retirementId: row.id,
            err: { message: (err as Error).message, status: err instanceof IcrApiError ? err.status : undefined },
          },
          "finalizing a retirement certificate failed",
        );
        return db.cmRetirement.update({
          where: { id: row.id },
          data: { lastError: `The credits are retired, but the certificate is not finalized yet. ${message}` },
        });
      }
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

/**
 * ICR claimed it: the receipt (with its link) and the `retirement.final` event are queued in the same
 * transaction when the burn is final, else by a job once it is (announce-retirement.ts).
 */
function certified(db: Prisma.TransactionClient, row: CmRetirement): Promise<CmRetirement> {
  return announceWhenFinal(db, row);
}

/** The newest claimed ICR retirement with our beneficiary and amount (the list does not name the transaction). */
async function findClaimed(r: CmRetirement): Promise<string | undefined> {
  const { retirements } = await withAnyIcrToken({ userId: r.userId }, (s) =>
    listRetirements({ token: s.token, skip: 0, first: 100 }),
  );
  return retirements.find(
    (x) =>
      x.isClaimed &&
      // a beneficiary the user hid is not in ICR's answers until its date
      (x.beneficiary === r.beneficiary || (!x.beneficiary && !!r.beneficiaryHiddenUntil)) &&
      compareAmounts(x.amount, r.amount.toString()) === 0,
  )?.id;
}
