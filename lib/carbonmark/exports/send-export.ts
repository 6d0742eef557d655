import { emitExportSent } from "@/lib/carbonmark/user-webhooks/change-events";
import { Interface, type Wallet } from "ethers";
import { z } from "zod";
import { formatAmount, fromBaseUnits, toBaseUnits, ZCreditAmount } from "@/lib/amount";
import { CARBON_CREDIT_ABI, carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { isUniqueViolation, prisma, type TDb, type TTx } from "@/lib/db";
import type { CmExport, Prisma } from "@/lib/generated/prisma/client";
import { queueExportReceipt } from "@/lib/carbonmark/mail/queue-receipt-mail";
import { CmUserError } from "@/lib/carbonmark/errors";
import { requireListedCredit } from "@/lib/carbonmark/credits/listed-credits";
import { getExportDestination } from "@/lib/carbonmark/exports/get-export-destination";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { syncHolding } from "@/lib/carbonmark/portfolio/index-holdings";
import { logger } from "@/lib/log/logger";
import { sendWalletCall } from "@/lib/carbonmark/wallet/send-wallet-call";
import { type TWalletConsent, unlockWalletWithConsent, ZWalletConsent } from "@/lib/carbonmark/wallet/wallet-consent";
import { assertAccountMayMove } from "@/lib/carbonmark/account/account-standing";

/** The transfer, with the owner's consent: the PIN, or a passkey (ZWalletConsent). */
export const ZSendExport = z
  .object({
    creditId: z.string({ error: "Select an asset" }).min(1, "Select an asset").max(200),
    quantity: ZCreditAmount,
    idempotencyKey: z.uuid(),
    /** The address the user saw and confirmed; the transfer goes nowhere else. */
    destinationAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  })
  .and(ZWalletConsent);

const iface = new Interface(CARBON_CREDIT_ABI);

/**
 * Sends credits from the user's wallet to the connected ICR organization's address. Crash-safe and
 * idempotent: the CmExport row claims the idempotency key; its nonce and the hash of the signed
 * transaction are recorded before broadcast, and a retry reuses that nonce, so at most one transfer
 * can ever be mined for one export.
 */
export async function sendExport(
  opts: {
    userId: string;
    creditId: string;
    quantity: string;
    idempotencyKey: string;
    destinationAddress: string;
  } & TWalletConsent,
): Promise<CmExport> {
  const existing = await prisma.cmExport.findUnique({ where: { idempotencyKey: opts.idempotencyKey } });
  if (existing && existing.userId !== opts.userId)
    throw new CmUserError("This transfer belongs to someone else.", "forbidden");
  if (existing && existing.status !== "pending") return existing;

  await assertAccountMayMove({ userId: opts.userId, action: "export" });
  const wallet = await unlockWalletWithConsent({ userId: opts.userId, consent: opts });
  if (existing) return finish(existing, wallet);

  const credit = await requireListedCredit(opts.creditId);
  const destination = await getExportDestination({ userId: opts.userId });
  if (destination.address.toLowerCase() !== opts.destinationAddress.toLowerCase()) {
    throw new CmUserError(
      "Your ICR organization's address has changed since you reviewed the transfer. Review it again; nothing was sent.",
      "conflict",
    );
  }
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

  let row: CmExport;
  try {
    row = await prisma.cmExport.create({
      data: {
        userId: opts.userId,
        idempotencyKey: opts.idempotencyKey,
        organizationId: destination.organizationId,
        creditId: opts.creditId,
        amount: opts.quantity,
        toAddress: destination.address,
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    row = await prisma.cmExport.findUniqueOrThrow({ where: { idempotencyKey: opts.idempotencyKey } });
  }
  return finish(row, wallet);
}

/** Broadcasts (or re-broadcasts with the same nonce) under the wallet's lock, waits for the receipt, then stores the new holding. */
async function finish(row: CmExport, wallet: Wallet): Promise<CmExport> {
  const done = await send(row, wallet);
  if (done.status === "confirmed")
    await syncHolding({ userId: done.userId, address: wallet.address, creditId: done.creditId }).catch((err) =>
      logger.warn({ err, exportId: done.id }, "the holding is refreshed by the indexer instead"),
    );
  return done;
}

function send(row: CmExport, wallet: Wallet): Promise<CmExport> {
  return sendWalletCall({
    row,
    wallet,
    call: (current) => {
      const { tokenAddress, tokenId } = parseCreditId(current.creditId)!;
      return {
        to: tokenAddress,
        data: iface.encodeFunctionData("safeTransferFrom", [
          wallet.address,
          current.toAddress,
          BigInt(tokenId),
          toBaseUnits(current.amount.toString()),
          "0x",
        ]),
      };
    },
    load: (db, id) => db.cmExport.findUniqueOrThrow({ where: { id } }),
    save: (db, id, data) =>
      data.status === "confirmed" ? confirmExport(db, id, data) : db.cmExport.update({ where: { id }, data }),
    messages: {
      reverted: "The transfer was reverted on chain.",
      nonceUsed: "The transfer was not sent (its nonce was used by another transaction). Nothing was transferred.",
      refused: "The chain refused the transfer. Nothing was transferred.",
    },
  });
}

/** Marks the export confirmed and queues its receipt in one transaction (the receipt exists iff the confirmation does). */
function confirmExport(db: TDb, id: string, data: Prisma.CmExportUpdateInput): Promise<CmExport> {
  const confirm = async (tx: TTx) => {
    const row = await tx.cmExport.update({ where: { id }, data });
    await queueExportReceipt(tx, row);
    await emitExportSent(tx, row);
    return row;
  };
  return db === prisma ? prisma.$transaction(confirm, { timeout: 15_000, maxWait: 15_000 }) : confirm(db as TTx);
}
