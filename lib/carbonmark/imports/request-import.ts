import { z } from "zod";
import { compareAmounts, formatAmount, ZCreditAmount } from "@/lib/amount";
import { isUniqueViolation, prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { type TRetirementDetails, ZRetirementDetails } from "@/lib/carbonmark/retirements/schemas";
import { IcrApiError } from "@/lib/icr/errors";
import { getInventory, requestTransfer } from "@/lib/icr/inventory";
import { withInstallationToken } from "@/lib/icr/token-store";
import { logger } from "@/lib/log/logger";
import { assertAccountMayMove } from "@/lib/carbonmark/account/account-standing";
import { emitImportEvent } from "@/lib/carbonmark/user-webhooks/change-events";

export const ZRequestImport = z.object({
  creditId: z.string({ error: "Select an asset" }).min(1, "Select an asset").max(200),
  quantity: ZCreditAmount,
  idempotencyKey: z.uuid(),
  /** Present when the user chose "Retire these credits on arrival": the import is a `transfer_retire`. */
  retirement: ZRetirementDetails.optional(),
});
export type TRequestImport = z.input<typeof ZRequestImport>;

/**
 * Asks ICR to transfer credits from the connected organization to the user's wallet, or with
 * `retirement` to retire them on arrival (`transfer_retire`: retired in the beneficiary's name for
 * the wallet, with a certificate, once an admin accepts). The
 * idempotency key makes a double click or a retry one request: the CmImport row claims the key
 * before ICR is called, and a second call with the same key returns that row.
 */
export async function requestImport(opts: {
  userId: string;
  creditId: string;
  quantity: string;
  idempotencyKey: string;
  retirement?: z.input<typeof ZRetirementDetails>;
}) {
  const existing = await prisma.cmImport.findUnique({ where: { idempotencyKey: opts.idempotencyKey } });
  if (existing) {
    if (existing.userId !== opts.userId) throw new CmUserError("This request belongs to someone else.", "forbidden");
    return existing;
  }
  await assertAccountMayMove({ userId: opts.userId, action: "import" });
  let retirement: TRetirementDetails | undefined;
  if (opts.retirement) {
    const parsed = ZRetirementDetails.safeParse(opts.retirement);
    if (!parsed.success)
      throw new CmUserError(parsed.error.issues[0]?.message ?? "Check the retirement details.", "invalid_input");
    retirement = parsed.data;
  }
  const wallet = await prisma.cmWallet.findUnique({ where: { userId: opts.userId }, select: { address: true } });
  if (!wallet) throw new CmUserError("Set up your wallet PIN first.", "not_found");

  const { credit, organizationId } = await withInstallationToken({ userId: opts.userId }, async (s) => {
    const inventory = await getInventory({ token: s.token, organizationId: s.organizationId });
    return { credit: inventory.credits.find((c) => c.creditId === opts.creditId), organizationId: s.organizationId };
  });
  if (!credit) throw new CmUserError("This asset is not in your ICR organization's inventory.", "not_found");
  if (compareAmounts(opts.quantity, credit.available) > 0) {
    throw new CmUserError(
      `Only ${formatAmount(credit.available)} credits of this asset are available.`,
      "invalid_input",
    );
  }

  let row;
  try {
    row = await prisma.cmImport.create({
      data: {
        userId: opts.userId,
        idempotencyKey: opts.idempotencyKey,
        organizationId,
        creditId: credit.creditId,
        projectName: credit.projectName,
        serialization: credit.serialization,
        vintage: credit.vintage,
        amount: opts.quantity,
        toAddress: wallet.address,
        action: retirement ? "transfer_retire" : "transfer",
        beneficiaryName: retirement?.beneficiary,
        retirementReason: retirement?.reason,
        retirementComment: retirement?.comment,
      },
    });
  } catch (err) {
    if (isUniqueViolation(err))
      return prisma.cmImport.findUniqueOrThrow({ where: { idempotencyKey: opts.idempotencyKey } });
    throw err;
  }

  try {
    const tx = await withInstallationToken({ userId: opts.userId }, (s) =>
      requestTransfer({
        token: s.token,
        organizationId,
        creditId: credit.creditId,
        amount: opts.quantity,
        toAddress: wallet.address,
        idempotencyKey: opts.idempotencyKey,
        onBehalfOf: s.actingFor,
        retirement: retirement && {
          beneficiaryName: retirement.beneficiary,
          retirementReason: retirement.reason,
          retirementComment: retirement.comment,
        },
      }),
    );
    return prisma.cmImport.update({
      where: { id: row.id },
      data: { icrTransactionId: tx.id, state: tx.state, txId: tx.txId ?? null },
    });
  } catch (err) {
    const message = refusalMessage(err);
    await prisma.$transaction(async (db) =>
      emitImportEvent(
        db,
        await db.cmImport.update({ where: { id: row.id }, data: { state: "failed", lastError: message } }),
      ),
    );
    logger.warn({ importId: row.id, err: { message: (err as Error).message } }, "ICR transfer request failed");
    throw new CmUserError(
      message,
      err instanceof IcrApiError && err.isUnavailable ? "icr_unavailable" : "invalid_input",
    );
  }
}

function refusalMessage(err: unknown): string {
  if (err instanceof IcrApiError) {
    if (err.isUnavailable)
      return "ICR did not confirm the request. Check your organization's inventory on ICR before trying again.";
    if (err.status && err.status < 500) return `ICR refused the request: ${err.message}`;
  }
  if (err instanceof CmUserError) return err.message;
  return "The request to ICR failed. Nothing was transferred; please try again.";
}
