// Accepted transfers on a project contract of version 2 and up leave as `moveBatch` transactions:
// up to MAX_MOVES moves of custodied credits per transaction, one contract per transaction. Each
// request knows its batch (`txId`, the batch's hash) and its index in it; a move the contract left
// out is named by a `MoveSkipped(index, …)` event of the batch's receipt. Contracts deployed before
// version 2, and retirements, keep one transaction per request.
import { Interface, ZeroAddress, type TransactionReceipt } from "ethers";
import { toBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI, carbonCreditVersion } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";

/** The most moves one transaction carries (about 7M gas with a fresh receiver per move, well below a block). */
export const MAX_MOVES = 200;
/** The chain log's purpose of a batch transaction. */
export const BATCH_PURPOSE = "request-move-batch";

const iface = new Interface(CARBON_CREDIT_ABI);
const skippedTopic = iface.getEvent("MoveSkipped")!.topicHash;
const moveBatchSelector = iface.getFunction("moveBatch")!.selector;

/** Whether the request leaves in a `moveBatch` (a transfer on a contract that has it). */
export async function isBatched(r: IcrCreditRequest): Promise<boolean> {
  return r.action === "transfer" && (await carbonCreditVersion(r.tokenAddress, provider())) >= 2;
}

/**
 * Groups the batched requests per contract, in the given order, into batches of at most MAX_MOVES
 * moves and at most each member's `batchLimit` (halved after a batch carrying it reverted whole).
 */
export function planBatches(rows: IcrCreditRequest[]): IcrCreditRequest[][] {
  const perContract = new Map<string, IcrCreditRequest[]>();
  for (const r of rows) {
    const key = r.tokenAddress.toLowerCase();
    perContract.set(key, [...(perContract.get(key) ?? []), r]);
  }
  const batches: IcrCreditRequest[][] = [];
  for (const group of perContract.values()) {
    let batch: IcrCreditRequest[] = [];
    let cap = MAX_MOVES;
    for (const r of group) {
      const limit = Math.max(1, Math.min(MAX_MOVES, r.batchLimit ?? MAX_MOVES));
      if (batch.length && batch.length + 1 > Math.min(cap, limit)) {
        batches.push(batch);
        batch = [];
        cap = MAX_MOVES;
      }
      batch.push(r);
      cap = Math.min(cap, limit);
    }
    if (batch.length) batches.push(batch);
  }
  return batches;
}

const word = (n: bigint) => n.toString(16).padStart(64, "0");

/**
 * `moveBatch(from[], to[], tokenIds[], amounts[])` call data, ABI-encoded by hand: four dynamic
 * arrays of 32-byte words (ethers' encoder takes hundreds of milliseconds for 200 moves).
 */
export function encodeMoveBatch(from: string[], to: string[], tokenIds: bigint[], amounts: bigint[]): string {
  const arrays = [from.map((a) => BigInt(a)), to.map((a) => BigInt(a)), tokenIds, amounts];
  const head: string[] = [];
  const body: string[] = [];
  let offset = 32n * BigInt(arrays.length);
  for (const values of arrays) {
    head.push(word(offset));
    body.push(word(BigInt(values.length)), ...values.map(word));
    offset += 32n * BigInt(values.length + 1);
  }
  return moveBatchSelector + head.join("") + body.join("");
}

/** The operator's call moving `rows` (one contract), move `i` being `rows[i]`. */
export function moveBatchCall(rows: IcrCreditRequest[]): { to: string; data: string; gasLimit: bigint } {
  const data = encodeMoveBatch(
    rows.map((r) => r.fromAddress),
    rows.map((r) => r.toAddress ?? ZeroAddress), // a move to nowhere is skipped
    rows.map((r) => BigInt(r.tokenId)),
    rows.map((r) => toBaseUnits(r.amount.toFixed())),
  );
  return { to: rows[0].tokenAddress, data, gasLimit: 80_000n + 45_000n * BigInt(rows.length) };
}

/** The indexes of the moves a mined batch left out (its `MoveSkipped` events). */
export function skippedMoves(receipt: TransactionReceipt, tokenAddress: string): Set<number> {
  const out = new Set<number>();
  for (const log of receipt.logs)
    if (log.topics[0] === skippedTopic && log.address.toLowerCase() === tokenAddress.toLowerCase())
      out.add(Number(BigInt(log.topics[1])));
  return out;
}
