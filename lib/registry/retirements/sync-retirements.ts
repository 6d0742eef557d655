// Indexes Retired events of every project contract into icr_retirement, whoever retired (a
// Carbonmark wallet, any other wallet, or the registry for a request). Idempotent by (txId, logIndex).
// On version-2 contracts a Retired event is followed by DetailsBound when the burn bound a salted
// commitment to its details: it is stored with the row, and finalize accepts only matching details.
// Blocks above the final block are read again on every pass: a transaction a reorg moved into
// another block keeps its row (and its claim), which follows it to its new log index. Logs are
// asked for in INDEXER_MAX_BLOCK_RANGE blocks at a time (providers refuse wider ranges).
import { Interface, type Log } from "ethers";
import { fromBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { readFinalBlock } from "@/lib/chain/finality";
import { provider } from "@/lib/chain/provider";
import { config } from "@/lib/config";
import { prisma, type TTx } from "@/lib/db";

const iface = new Interface(CARBON_CREDIT_ABI);
const RETIRED_TOPIC = iface.getEvent("Retired")!.topicHash;
const DETAILS_BOUND_TOPIC = iface.getEvent("DetailsBound")!.topicHash;
const CURSOR = "retirements";
const globalForSync = globalThis as unknown as { retirementSync?: { running?: Promise<number> } };
const state = (globalForSync.retirementSync ??= {});

async function syncOnce(): Promise<number> {
  return prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('icr-retirement-sync', 0))`;
      const cursor = await db.icrChainCursor.findUnique({ where: { name: CURSOR } });
      const final = await readFinalBlock();
      const latest = await provider().getBlockNumber();
      let from = Math.max(0, Math.min((cursor?.blockNumber ?? -1) + 1, final + 1));
      if (from > latest) return 0;
      const projects = await db.icrProject.findMany({
        where: { contractAddress: { not: null } },
        select: { contractAddress: true },
      });
      let added = 0;
      while (from <= latest && projects.length) {
        const to = Math.min(latest, from + config().INDEXER_MAX_BLOCK_RANGE - 1);
        const logs = await provider().getLogs({
          address: projects.map((p) => p.contractAddress!),
          topics: [[RETIRED_TOPIC, DETAILS_BOUND_TOPIC]],
          fromBlock: from,
          toBlock: to,
        });
        const requestTx = new Set(
          (
            await db.icrCreditRequest.findMany({
              where: { txId: { in: logs.map((l) => l.transactionHash) } },
              select: { txId: true },
            })
          ).map((r) => r.txId),
        );
        // Logs come in chain order; createdAt is when ICR indexed them, so the list stays newest first.
        for (const [i, log] of logs.entries()) {
          if (log.topics[0] !== RETIRED_TOPIC) continue;
          if (requestTx.has(log.transactionHash)) continue; // recorded, claimed, by the request's processing
          const ev = iface.parseLog(log)!;
          const credit = await db.icrCredit.findFirst({
            where: {
              tokenAddress: { equals: log.address, mode: "insensitive" },
              tokenId: (ev.args.tokenId as bigint).toString(),
            },
          });
          if (!credit) continue;
          if (await followMovedRow(db, log, logs)) continue;
          const owner = await db.icrOrgAddress.findFirst({
            where: { address: { equals: ev.args.account as string, mode: "insensitive" } },
          });
          const r = await db.icrRetirement.createMany({
            data: [
              {
                txId: log.transactionHash,
                logIndex: log.index,
                retireeAddress: ev.args.account as string,
                organizationId: owner?.organizationId,
                creditId: credit.id,
                tokenAddress: credit.tokenAddress,
                tokenId: credit.tokenId,
                serialization: credit.serialization,
                vintage: credit.vintage,
                amount: fromBaseUnits(ev.args.amount as bigint),
                projectId: credit.projectId,
                commitment: boundCommitment(log, logs[i + 1]),
              },
            ],
            skipDuplicates: true,
          });
          added += r.count;
        }
        from = to + 1;
      }
      await db.icrChainCursor.upsert({
        where: { name: CURSOR },
        create: { name: CURSOR, blockNumber: latest },
        update: { blockNumber: latest },
      });
      return added;
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/**
 * A row of this Retired event's transaction at a log index the transaction no longer has (a reorg
 * mined it again in another block, where its events have other indexes) is moved to this event's
 * index: the same retirement, claimed or not, not a second one. True when the event has its row.
 */
async function followMovedRow(db: TTx, log: Log, logs: Log[]): Promise<boolean> {
  const at = { txId: log.transactionHash, logIndex: log.index };
  if (await db.icrRetirement.findUnique({ where: { txId_logIndex: at }, select: { id: true } })) return true;
  const ev = iface.parseLog(log)!;
  const indexes = logs.filter((l) => l.transactionHash === log.transactionHash && l.topics[0] === RETIRED_TOPIC);
  const moved = await db.icrRetirement.findFirst({
    where: {
      txId: log.transactionHash,
      logIndex: { notIn: indexes.map((l) => l.index) },
      tokenAddress: { equals: log.address, mode: "insensitive" },
      tokenId: (ev.args.tokenId as bigint).toString(),
      retireeAddress: { equals: ev.args.account as string, mode: "insensitive" },
      amount: fromBaseUnits(ev.args.amount as bigint),
    },
    select: { id: true },
  });
  if (!moved) return false;
  await db.icrRetirement.update({ where: { id: moved.id }, data: { logIndex: log.index } });
  return true;
}

/** The commitment of the DetailsBound event that directly follows `retired` (same transaction, contract, account and token). */
function boundCommitment(retired: Log, next: Log | undefined): string | null {
  if (!next || next.topics[0] !== DETAILS_BOUND_TOPIC) return null;
  if (next.transactionHash !== retired.transactionHash || next.address.toLowerCase() !== retired.address.toLowerCase())
    return null;
  const r = iface.parseLog(retired)!.args;
  const b = iface.parseLog(next)!.args;
  const same = (b.account as string).toLowerCase() === (r.account as string).toLowerCase() && b.tokenId === r.tokenId;
  return same ? (b.commitment as string) : null;
}

/** Reads Retired events of blocks not yet indexed; returns how many were added. */
export async function syncRetirements(): Promise<number> {
  // A caller that arrives during a sync may have seen a newer block: it waits, then syncs again.
  while (state.running) await state.running;
  state.running = syncOnce().finally(() => {
    state.running = undefined;
  });
  return state.running;
}
