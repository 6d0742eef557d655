// The last steps of processing: the request's call data, and moving it to `processed` or `failed`
// with conditional updates (a second worker finishing the same request changes nothing).
import { Interface, type TransactionReceipt } from "ethers";
import { toBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { simulateOperatorCall } from "@/lib/chain/operator-tx";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { notifyLive } from "@/lib/live/notify";
import { logger } from "@/lib/log/logger";
import { invalidateBalances } from "@/lib/registry/inventory/chain-balances";
import { notifyRequestChange } from "@/lib/registry/requests/notify-request-change";
import { recordRequestRetirement } from "@/lib/registry/retirements/record-request-retirement";

const iface = new Interface(CARBON_CREDIT_ABI);

/** The operator's call for a request: an ERC-1155 transfer, or a retirement. */
export function callData(r: IcrCreditRequest): string {
  const units = toBaseUnits(r.amount.toFixed());
  if (r.action === "transfer")
    return iface.encodeFunctionData("safeTransferFrom", [r.fromAddress, r.toAddress, BigInt(r.tokenId), units, "0x"]);
  return iface.encodeFunctionData("retire", [r.fromAddress, BigInt(r.tokenId), units]);
}

/** Reads the request again and tells its app about the new state. */
export async function changed(id: string): Promise<IcrCreditRequest> {
  const r = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id } });
  await notifyRequestChange(r);
  return r;
}

export async function markFailed(r: IcrCreditRequest, from: "pending_queue" | "pending_onchain", reason: string) {
  const { count } = await prisma.icrCreditRequest.updateMany({
    where: { id: r.id, state: from, txId: r.txId },
    data: { state: "failed", failureReason: reason },
  });
  if (count) {
    logger.warn({ requestId: r.id, reason }, "request failed");
    invalidateBalances(r.organizationId); // the reservation is released
    await changed(r.id);
  }
}

/** Why a mined transaction reverted, in words: the contract's refusal when the call still fails now. */
async function revertReason(r: IcrCreditRequest, hash: string): Promise<string> {
  const refusal = await simulateOperatorCall({ to: r.tokenAddress, data: callData(r) });
  return `The on-chain transaction ${hash} reverted${refusal ? `: ${refusal}` : ""}`;
}

function invalidateFor(r: IcrCreditRequest) {
  invalidateBalances(r.organizationId);
  if (r.toOrganizationId) invalidateBalances(r.toOrganizationId);
}

/** One request whose transaction was mined: `processed` (recording a retirement) or `failed`. */
export async function finish(r: IcrCreditRequest, receipt: TransactionReceipt) {
  if (receipt.status !== 1) return markFailed(r, "pending_onchain", await revertReason(r, receipt.hash));
  await prisma.$transaction(async (db) => {
    const { count } = await db.icrCreditRequest.updateMany({
      where: { id: r.id, state: "pending_onchain", txId: receipt.hash },
      data: { state: "processed", signedTx: null },
    });
    if (count && r.action !== "transfer") await recordRequestRetirement(db, r, receipt);
  });
  invalidateFor(r);
  await changed(r.id);
}

/**
 * Many mined requests at once: successful transfers in one conditional update (tx hashes are
 * unique, so `txId in hashes` matches each request only to its own receipt), the rest one by one.
 */
export async function finishMany(mined: { r: IcrCreditRequest; receipt: TransactionReceipt }[]) {
  const plain = mined.filter((m) => m.r.action === "transfer" && m.receipt.status === 1);
  const others = mined.filter((m) => !plain.includes(m));
  if (plain.length) {
    await prisma.icrCreditRequest.updateMany({
      where: {
        id: { in: plain.map((m) => m.r.id) },
        state: "pending_onchain",
        txId: { in: plain.map((m) => m.receipt.hash) },
      },
      data: { state: "processed", signedTx: null },
    });
    for (const m of plain) invalidateFor(m.r);
    // Every organization's open inventory page hears of it (live channel); only requests made by an app have an app to notify.
    const orgs = new Set(
      plain.flatMap((m) => [m.r.organizationId, ...(m.r.toOrganizationId ? [m.r.toOrganizationId] : [])]),
    );
    await notifyLive(
      prisma,
      [...orgs].map((organizationId) => ({ topic: "inventory" as const, organizationId })),
    ).catch((err) => logger.warn({ err }, "could not notify the live channel"));
    const withApp = plain.filter((m) => m.r.requestedByAppId).map((m) => m.r.id);
    if (withApp.length) {
      const rows = await prisma.icrCreditRequest.findMany({ where: { id: { in: withApp } } });
      await Promise.all(rows.map(notifyRequestChange));
    }
  }
  await Promise.all(others.map((m) => finish(m.r, m.receipt)));
}
