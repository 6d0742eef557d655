// The last steps of processing: the request's call data, and moving it to `processed` or `failed`
// with conditional updates (a second worker finishing the same request changes nothing).
import { Interface, type TransactionReceipt } from "ethers";
import { toBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI, carbonCreditVersion, retireCallData } from "@/lib/chain/carbon-credit";
import { simulateOperatorCall } from "@/lib/chain/operator-tx";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { notifyLive } from "@/lib/live/notify";
import { logger } from "@/lib/log/logger";
import { invalidateBalances } from "@/lib/registry/inventory/chain-balances";
import { notifyRequestChange } from "@/lib/registry/requests/notify-request-change";
import {
  recordRequestRetirement,
  requestRetirementDetails,
} from "@/lib/registry/retirements/record-request-retirement";
import { retirementCommitment } from "@/lib/proof/retirement-commitment";

const iface = new Interface(CARBON_CREDIT_ABI);

/** The operator's call for a request: an ERC-1155 transfer, or a retirement. */
export async function callData(r: IcrCreditRequest): Promise<string> {
  const units = toBaseUnits(r.amount.toFixed());
  if (r.action === "transfer")
    return iface.encodeFunctionData("safeTransferFrom", [r.fromAddress, r.toAddress, BigInt(r.tokenId), units, "0x"]);
  const version = await carbonCreditVersion(r.tokenAddress, provider());
  const commitment = r.commitmentSalt
    ? retirementCommitment(await requestRetirementDetails(prisma, r), r.commitmentSalt)
    : undefined;
  return retireCallData(version, { account: r.fromAddress, tokenId: BigInt(r.tokenId), units, commitment });
}

export async function markFailed(r: IcrCreditRequest, from: "pending_queue" | "pending_onchain", reason: string) {
  const failed = await prisma.$transaction(async (db) => {
    const rows = await db.icrCreditRequest.updateManyAndReturn({
      where: { id: r.id, state: from, txId: r.txId },
      data: { state: "failed", failureReason: reason },
    });
    for (const row of rows) await notifyRequestChange(row, db);
    return rows.length > 0;
  });
  if (failed) {
    logger.warn({ requestId: r.id, reason }, "request failed");
    invalidateBalances(r.organizationId); // the reservation is released
  }
}

/** Why a mined transaction reverted, in words: the contract's refusal when the call still fails now. */
export async function revertReason(r: IcrCreditRequest, hash: string): Promise<string> {
  const refusal = await simulateOperatorCall({ to: r.tokenAddress, data: await callData(r) });
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
    const [row] = await db.icrCreditRequest.updateManyAndReturn({
      where: { id: r.id, state: "pending_onchain", txId: receipt.hash },
      data: { state: "processed", signedTx: null },
    });
    if (!row) return; // another worker finished it
    if (r.action !== "transfer") await recordRequestRetirement(db, r, receipt);
    await notifyRequestChange(row, db);
  });
  invalidateFor(r);
}

/**
 * Many mined requests at once: successful transfers in one conditional update (tx hashes are
 * unique, so `txId in hashes` matches each request only to its own receipt), the rest one by one.
 * Only the requests this update moved are announced, in its transaction: every organization's open
 * inventory page (live channel) and, for requests made by an app, the app (webhook).
 */
export async function finishMany(mined: { r: IcrCreditRequest; receipt: TransactionReceipt }[]) {
  const plain = mined.filter((m) => m.r.action === "transfer" && m.receipt.status === 1);
  const others = mined.filter((m) => !plain.includes(m));
  if (plain.length) {
    await prisma.$transaction(
      async (db) => {
        const rows = await db.icrCreditRequest.updateManyAndReturn({
          where: {
            id: { in: plain.map((m) => m.r.id) },
            state: "pending_onchain",
            txId: { in: plain.map((m) => m.receipt.hash) },
          },
          data: { state: "processed", signedTx: null },
        });
        const orgs = new Set(
          rows.flatMap((r) => [r.organizationId, ...(r.toOrganizationId ? [r.toOrganizationId] : [])]),
        );
        await notifyLive(
          db,
          [...orgs].map((organizationId) => ({ topic: "inventory" as const, organizationId })),
        );
        for (const row of rows) if (row.requestedByAppId) await notifyRequestChange(row, db, { live: false });
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
    for (const m of plain) invalidateFor(m.r);
  }
  await Promise.all(others.map((m) => finish(m.r, m.receipt)));
}
