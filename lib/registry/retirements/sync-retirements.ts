// Indexes Retired events of every project contract into icr_retirement, whoever retired (a
// Carbonmark wallet, any other wallet, or the registry for a request). Idempotent by (txId, logIndex).
import { Interface } from "ethers";
import { fromBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";

const iface = new Interface(CARBON_CREDIT_ABI);
const RETIRED_TOPIC = iface.getEvent("Retired")!.topicHash;
const CURSOR = "retirements";
const CHUNK = 5_000;
const globalForSync = globalThis as unknown as { retirementSync?: { running?: Promise<number> } };
const state = (globalForSync.retirementSync ??= {});

async function syncOnce(): Promise<number> {
  return prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('icr-retirement-sync', 0))`;
      const cursor = await db.icrChainCursor.findUnique({ where: { name: CURSOR } });
      const latest = await provider().getBlockNumber();
      let from = (cursor?.blockNumber ?? -1) + 1;
      if (from > latest) return 0;
      const projects = await db.icrProject.findMany({
        where: { contractAddress: { not: null } },
        select: { contractAddress: true },
      });
      let added = 0;
      while (from <= latest && projects.length) {
        const to = Math.min(latest, from + CHUNK - 1);
        const logs = await provider().getLogs({
          address: projects.map((p) => p.contractAddress!),
          topics: [RETIRED_TOPIC],
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
        for (const log of logs) {
          if (requestTx.has(log.transactionHash)) continue; // recorded, claimed, by the request's processing
          const ev = iface.parseLog(log)!;
          const credit = await db.icrCredit.findFirst({
            where: {
              tokenAddress: { equals: log.address, mode: "insensitive" },
              tokenId: (ev.args.tokenId as bigint).toString(),
            },
          });
          if (!credit) continue;
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

/** Reads Retired events of blocks not yet indexed; returns how many were added. */
export async function syncRetirements(): Promise<number> {
  // A caller that arrives during a sync may have seen a newer block: it waits, then syncs again.
  while (state.running) await state.running;
  state.running = syncOnce().finally(() => {
    state.running = undefined;
  });
  return state.running;
}
