import { getAddress, Interface, type JsonRpcProvider, type Log } from "ethers";
import { CARBON_CREDIT_ABI, carbonCredit } from "@/lib/chain/carbon-credit";
import { readFinalBlock } from "@/lib/chain/finality";
import { provider as defaultProvider } from "@/lib/chain/provider";
import { config } from "@/lib/config";
import { prisma, type TTx } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import {
  findListedContract,
  listedCreditContracts,
  type TListedContract,
} from "@/lib/carbonmark/credits/listed-credits";
import { notifyHoldingsChanged } from "@/lib/live/notify";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";

// One indexer pass at a time across every worker and app instance.
const INDEX_LOCK = 0x1c40_0010;
const iface = new Interface(CARBON_CREDIT_ABI);
const TRANSFER_SINGLE = iface.getEvent("TransferSingle")!.topicHash;
const TRANSFER_BATCH = iface.getEvent("TransferBatch")!.topicHash;
const BALANCE_BATCH = 200;
/** Ranges per pass: a new contract's history is caught up over several passes, never in one long one. */
const MAX_RANGES_PER_PASS = 50;
/** A project ICR adds is followed within this long. */
const LIST_MAX_AGE_MS = 30_000;

export type TIndexOptions = {
  provider?: JsonRpcProvider;
  confirmations?: number;
  maxBlockRange?: number;
  rereadBlocks?: number;
  startBlock?: number;
  /** reload ICR's list of credit contracts first (the worker's loop reloads it every 30 s anyway) */
  freshList?: boolean;
};

type TPair = { address: string; userId: string; tokenAddress: string; tokenId: string; lastBlock?: number };

/**
 * One pass of the holdings indexer: follows TransferSingle and TransferBatch of the contracts ICR
 * lists as its credits, in ranges of at most INDEXER_MAX_BLOCK_RANGE blocks, from each contract's
 * cursor up to the final block (docs/finality.md: the `finalized` tag, or the head minus
 * INDEXER_CONFIRMATIONS), so a holding and an import's arrival are final when shown, re-reading the last INDEXER_REREAD_BLOCKS
 * blocks every pass. Every (wallet, token) a transfer touched, and every holding last changed inside
 * the re-read window, is read with balanceOfBatch at the final block (a node keeps recent state only)
 * and stored as an absolute balance: a repeated pass changes nothing, and a reorg inside the window is
 * corrected.
 * A provider that refuses a range (too many blocks or results) gets it again in halves.
 * Returns how many ranges it read, or null when another pass holds the lock.
 */
export async function indexHoldings(opts: TIndexOptions = {}): Promise<{ ranges: number; head: number } | null> {
  const cfg = config();
  const p = opts.provider ?? defaultProvider();
  const confirmations = opts.confirmations ?? cfg.INDEXER_CONFIRMATIONS;
  const range = opts.maxBlockRange ?? cfg.INDEXER_MAX_BLOCK_RANGE;
  const reread = Math.min(opts.rereadBlocks ?? cfg.INDEXER_REREAD_BLOCKS, range - 1);
  const startBlock = opts.startBlock ?? cfg.INDEXER_START_BLOCK;

  const listed = await listedCreditContracts({ fresh: opts.freshList, maxAgeMs: LIST_MAX_AGE_MS });
  if (listed.size === 0) return { ranges: 0, head: -1 };
  const head = Number(await p.send("eth_blockNumber", []));
  const safe =
    opts.confirmations === undefined ? Math.min(head - confirmations, await readFinalBlock(p)) : head - confirmations;
  if (safe < startBlock) return { ranges: 0, head };

  return prisma.$transaction(
    async (db) => {
      const [{ locked }] = await db.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${INDEX_LOCK}) AS locked`;
      if (!locked) return null;
      const cursors = new Map((await db.cmIndexCursor.findMany()).map((c) => [c.contract, c.block]));
      const wallets = new Map(
        (await db.cmWallet.findMany({ select: { address: true, userId: true } })).map((w) => [
          w.address.toLowerCase(),
          w.userId,
        ]),
      );
      // Each contract's last block done; a reorg that shortened the chain takes it back to the head.
      const at = new Map([...listed.keys()].map((c) => [c, Math.min(cursors.get(c) ?? startBlock - 1, safe)]));
      const done = new Set<string>();
      const changedUsers = new Set<string>();
      // The head now, read once and only when a holding was read at a block above the pass's `head`.
      let now: Promise<number> | undefined;
      const laterHead = () => (now ??= p.getBlockNumber());
      let ranges = 0;
      while (done.size < at.size && ranges < MAX_RANGES_PER_PASS) {
        const base = Math.min(...[...at].filter(([c]) => !done.has(c)).map(([, b]) => b));
        const group = [...at].filter(([c, b]) => !done.has(c) && b === base).map(([c]) => c);
        const from = Math.max(startBlock, base - reread + 1);
        const to = Math.min(safe, from + range - 1);
        const txHashes = new Set<string>();
        const transfers: TTransferRow[] = [];
        const pairs = await touchedPairs(p, group, from, to, wallets, txHashes, transfers);
        await storeTransfers(db, p, group, from, to, transfers);
        for (const h of await db.cmHolding.findMany({
          where: { tokenAddress: { in: group.map((c) => listed.get(c)!.address) }, lastBlock: { gte: from } },
        })) {
          const key = `${h.address.toLowerCase()}|${h.tokenAddress.toLowerCase()}|${h.tokenId}`;
          if (!pairs.has(key))
            pairs.set(key, { address: h.address, userId: h.userId, tokenAddress: h.tokenAddress, tokenId: h.tokenId });
        }
        // At the final block, not at `to`: a node that keeps only recent state (most do, 128 blocks)
        // cannot answer for a range far behind the head, as when catching up after a long stop.
        const balances = await readBalances(p, [...pairs.values()], safe);
        for (const userId of await storeBalances(db, balances, safe, listed, head, laterHead)) changedUsers.add(userId);
        for (const userId of await markImportsArrived(db, [...txHashes])) changedUsers.add(userId);
        for (const c of group) {
          await db.cmIndexCursor.upsert({
            where: { contract: c },
            create: { contract: c, block: to },
            update: { block: to },
          });
          at.set(c, to);
          if (to === safe) done.add(c);
        }
        ranges++;
      }
      if (changedUsers.size) await notifyHoldingsChanged(db, [...changedUsers]);
      return { ranges, head };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** (wallet, token) pairs that a TransferSingle / TransferBatch in [from, to] moved to or from a Carbonmark wallet. */
async function touchedPairs(
  p: JsonRpcProvider,
  contracts: string[],
  from: number,
  to: number,
  wallets: Map<string, string>,
  txHashes: Set<string>,
  transfers: TTransferRow[] = [],
): Promise<Map<string, TPair>> {
  const logs = await logsInHalves(p, contracts, from, to);
  const pairs = new Map<string, TPair>();
  for (const log of logs) {
    const parsed = iface.parseLog(log);
    if (!parsed) continue;
    const ids: bigint[] =
      parsed.name === "TransferSingle" ? [parsed.args.id as bigint] : [...(parsed.args.ids as bigint[])];
    const values: bigint[] =
      parsed.name === "TransferSingle" ? [parsed.args.value as bigint] : [...(parsed.args[4] as bigint[])]; // `values` is also a method of ethers' Result;
    for (const party of [parsed.args.from as string, parsed.args.to as string]) {
      const userId = wallets.get(party.toLowerCase());
      if (!userId) continue;
      txHashes.add(log.transactionHash);
      const incoming = party === parsed.args.to;
      const toSelf = (parsed.args.from as string).toLowerCase() === (parsed.args.to as string).toLowerCase();
      if (!toSelf)
        for (const [batchIndex, id] of ids.entries())
          transfers.push({
            txHash: log.transactionHash.toLowerCase(),
            logIndex: log.index,
            batchIndex,
            address: getAddress(party),
            userId,
            tokenAddress: getAddress(log.address),
            tokenId: id.toString(),
            direction: incoming ? "in" : "out",
            amount: values[batchIndex].toString(),
            counterparty: getAddress((incoming ? parsed.args.from : parsed.args.to) as string),
            blockNumber: log.blockNumber,
          });
      for (const id of ids) {
        const key = `${party.toLowerCase()}|${log.address.toLowerCase()}|${id}`;
        const seen = pairs.get(key);
        pairs.set(key, {
          address: getAddress(party),
          userId,
          tokenAddress: getAddress(log.address),
          tokenId: id.toString(),
          lastBlock: Math.max(seen?.lastBlock ?? 0, log.blockNumber),
        });
      }
    }
  }
  return pairs;
}

/** A provider's refusal of a range it finds too large (Alchemy's range cap, Infura's result cap, Polygon RPCs' block range). */
function isRangeRefusal(err: unknown): boolean {
  const e = err as { error?: { code?: number; message?: string }; message?: string };
  const text = `${e.error?.message ?? ""} ${e.message ?? ""}`;
  return (
    e.error?.code === -32005 ||
    e.error?.code === -32602 ||
    /block range|more than \d+ results|response size|too many|limit exceeded|range is too large/i.test(text)
  );
}

/** eth_getLogs over [from, to]; a refused range is asked for again in two halves. */
async function logsInHalves(p: JsonRpcProvider, contracts: string[], from: number, to: number): Promise<Log[]> {
  try {
    return await p.getLogs({
      address: contracts.map((c) => getAddress(c)),
      fromBlock: from,
      toBlock: to,
      topics: [[TRANSFER_SINGLE, TRANSFER_BATCH]],
    });
  } catch (err) {
    if (to <= from || !isRangeRefusal(err)) throw err;
    const mid = Math.floor((from + to) / 2);
    return [...(await logsInHalves(p, contracts, from, mid)), ...(await logsInHalves(p, contracts, mid + 1, to))];
  }
}

type TTransferRow = {
  txHash: string;
  logIndex: number;
  batchIndex: number;
  address: string;
  userId: string;
  tokenAddress: string;
  tokenId: string;
  direction: "in" | "out";
  amount: string;
  counterparty: string;
  blockNumber: number;
};

/**
 * The transfer history of [from, to] for these contracts, replaced as a whole: rows of a re-read
 * range are deleted and written again as the chain now has them, so a reorged-away transfer
 * disappears and a repeated pass counts nothing twice. Each row carries its block's time.
 */
async function storeTransfers(
  db: TTx,
  p: JsonRpcProvider,
  contracts: string[],
  from: number,
  to: number,
  transfers: TTransferRow[],
): Promise<void> {
  await db.cmTransfer.deleteMany({
    where: { tokenAddress: { in: contracts.map((c) => getAddress(c)) }, blockNumber: { gte: from, lte: to } },
  });
  if (!transfers.length) return;
  const times = new Map<number, Date>();
  for (const n of new Set(transfers.map((t) => t.blockNumber))) {
    const block = await p.getBlock(n);
    times.set(n, new Date(Number(block?.timestamp ?? 0) * 1000));
  }
  await db.cmTransfer.createMany({
    data: transfers.map((t) => ({ ...t, blockTime: times.get(t.blockNumber)! })),
    skipDuplicates: true,
  });
}

/** Imports whose transfer (ICR's txId) the indexer has now seen arrive; returns their users. */
async function markImportsArrived(db: TTx, txHashes: string[]): Promise<string[]> {
  if (txHashes.length === 0) return [];
  const hashes = [...new Set(txHashes.flatMap((h) => [h, h.toLowerCase()]))];
  const arrived = await db.cmImport.findMany({
    where: { txId: { in: hashes }, arrivedAt: null },
    select: { id: true, userId: true },
  });
  if (arrived.length)
    await db.cmImport.updateMany({ where: { id: { in: arrived.map((a) => a.id) } }, data: { arrivedAt: new Date() } });
  return arrived.map((a) => a.userId);
}

/** The pairs' balances at block `at`, read from the chain (one balanceOfBatch per contract and 200 pairs). */
async function readBalances(p: JsonRpcProvider, pairs: TPair[], at: number): Promise<TBalanceRead[]> {
  const byContract = new Map<string, TPair[]>();
  for (const pair of pairs) byContract.set(pair.tokenAddress, [...(byContract.get(pair.tokenAddress) ?? []), pair]);
  const read: TBalanceRead[] = [];
  for (const [tokenAddress, list] of byContract) {
    for (let i = 0; i < list.length; i += BALANCE_BATCH) {
      const chunk = list.slice(i, i + BALANCE_BATCH);
      const balances = (await carbonCredit(tokenAddress, p).balanceOfBatch(
        chunk.map((c) => c.address),
        chunk.map((c) => BigInt(c.tokenId)),
        { blockTag: at },
      )) as bigint[];
      for (const [j, pair] of chunk.entries()) read.push({ pair, amount: balances[j] });
    }
  }
  return read;
}

type TBalanceRead = { pair: TPair; amount: bigint };

/**
 * Stores balances read at block `at`; returns the users whose holdings changed. A holding read at a
 * later block that the chain still has (at or below `head`, or below `laterHead()`: a send stored
 * while this pass ran, so above the head it started from) is kept: it is Carbonmark's own send,
 * shown at once by syncHolding, and the indexer's read at the final block would show the balance
 * from before that send until finality passes it.
 */
async function storeBalances(
  db: TTx,
  read: TBalanceRead[],
  at: number,
  listed: Map<string, TListedContract>,
  head: number,
  laterHead: () => Promise<number> = async () => head,
): Promise<string[]> {
  const changed = new Set<string>();
  for (const { pair, amount } of read) {
    const { address, tokenId } = pair;
    const tokenAddress = pair.tokenAddress;
    // Locked until this transaction ends: a send's store and a pass's store of one holding take
    // turns, and each decides on the row the other committed.
    const [before] = await db.$queryRaw<{ amount: string; lastBlock: number; readAtBlock: number }[]>`
      SELECT amount::text AS amount, "lastBlock", "readAtBlock" FROM cm_holding
      WHERE address = ${address} AND "tokenAddress" = ${tokenAddress} AND "tokenId" = ${tokenId}
      FOR UPDATE`;
    if (before && before.readAtBlock > at && (before.readAtBlock <= head || before.readAtBlock <= (await laterHead())))
      continue;
    const where = { address_tokenAddress_tokenId: { address, tokenAddress, tokenId } };
    const lastBlock = Math.max(pair.lastBlock ?? 0, before?.lastBlock ?? 0);
    const projectName = listed.get(tokenAddress.toLowerCase())?.projectName ?? tokenAddress;
    if (amount === 0n) {
      if (before) await db.cmHolding.delete({ where });
    } else if (before) {
      await db.cmHolding.update({
        where,
        data: { amount: amount.toString(), lastBlock, readAtBlock: at, projectName },
      });
    } else {
      // No row to lock: of two first stores at once, the later block's read stays.
      await db.$executeRaw`
        INSERT INTO cm_holding (address, "tokenAddress", "tokenId", "userId", amount, "projectName", "lastBlock", "readAtBlock", "updatedAt")
        VALUES (${address}, ${tokenAddress}, ${tokenId}, ${pair.userId}::uuid, ${amount.toString()}::numeric, ${projectName}, ${lastBlock}, ${at}, now())
        ON CONFLICT (address, "tokenAddress", "tokenId") DO UPDATE
        SET amount = EXCLUDED.amount, "lastBlock" = GREATEST(cm_holding."lastBlock", EXCLUDED."lastBlock"),
            "readAtBlock" = EXCLUDED."readAtBlock", "projectName" = EXCLUDED."projectName", "updatedAt" = now()
        WHERE cm_holding."readAtBlock" <= EXCLUDED."readAtBlock"`;
    }
    if ((before ? BigInt(before.amount) : 0n) !== amount) changed.add(pair.userId);
  }
  return [...changed];
}

/** The worker's loop: passes every INDEXER_POLL_MS until `untilMs`; a failed pass is logged and retried. */
export async function runHoldingsIndexer(opts: { untilMs: number; signal?: AbortSignal }): Promise<void> {
  const pause = config().INDEXER_POLL_MS;
  let lastWarning = { message: "", at: 0 };
  let lastHead = "";
  let lastFullPass = 0;
  while (Date.now() < opts.untilMs && !opts.signal?.aborted) {
    try {
      // Nothing to read while the head block (number and hash: a same-height reorg changes the
      // hash) stays the same; a full pass still runs every few seconds (e.g. for a newly listed contract).
      const head = (await defaultProvider().send("eth_getBlockByNumber", ["latest", false])) as {
        number: string;
        hash: string;
      };
      const key = `${head.number}:${head.hash}`;
      if (key !== lastHead || Date.now() - lastFullPass > 5_000) {
        const pass = await indexHoldings();
        if (pass && pass.ranges < MAX_RANGES_PER_PASS) {
          lastHead = key;
          lastFullPass = Date.now();
        }
      }
    } catch (err) {
      // Said once per distinct failure and then every 30 s, not on every pass (e.g. while ICR starts).
      const message = (err as Error).message;
      if (message !== lastWarning.message || Date.now() - lastWarning.at > 30_000) {
        logger.warn({ err }, "holdings indexer pass failed; retrying");
        lastWarning = { message, at: Date.now() };
      }
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

/** One holding of a wallet as the chain has it now, read outside any database transaction. */
export type THoldingRead = { read: TBalanceRead[]; at: number; listed: Map<string, TListedContract> };

/** Reads one holding of a wallet now (null: not one of ICR's listed credits). Store it with `storeHolding`. */
export async function readHolding(opts: {
  userId: string;
  address: string;
  creditId: string;
  provider?: JsonRpcProvider;
}): Promise<THoldingRead | null> {
  const credit = parseCreditId(opts.creditId);
  if (!credit) return null;
  const p = opts.provider ?? defaultProvider();
  // A project ICR listed after this process read its list reloads it (findListedContract).
  const contract = await findListedContract(credit.tokenAddress);
  if (!contract) return null;
  const listed = new Map([[contract.address.toLowerCase(), contract]]);
  const at = Number(await p.send("eth_blockNumber", []));
  const pair = {
    address: getAddress(opts.address),
    userId: opts.userId,
    tokenAddress: getAddress(credit.tokenAddress),
    tokenId: credit.tokenId,
    lastBlock: at,
  };
  return { read: await readBalances(p, [pair], at), at, listed };
}

/**
 * Stores a holding `readHolding` read, in the caller's transaction, and announces the change with it.
 * A holding already stored from a later block stays (two sends finishing together: the later read
 * wins, whichever commits last); a reorg below that block is the indexer's to correct.
 */
export async function storeHolding(db: TTx, holding: THoldingRead): Promise<void> {
  const changed = await storeBalances(db, holding.read, holding.at, holding.listed, Number.MAX_SAFE_INTEGER);
  if (changed.length) await notifyHoldingsChanged(db, changed);
}

/**
 * Reads one holding of a wallet now and stores it, for Carbonmark's own sends (an export or a
 * retirement just confirmed): the page shows the new balance at once, without waiting for the
 * indexer's next pass (which re-reads it anyway: its lastBlock is inside the re-read window).
 */
export async function syncHolding(opts: {
  userId: string;
  address: string;
  creditId: string;
  provider?: JsonRpcProvider;
}): Promise<void> {
  const holding = await readHolding(opts);
  if (holding) await prisma.$transaction((db) => storeHolding(db, holding));
}
