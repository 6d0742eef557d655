// Makes the chain hold every transaction the database's log says was sent: after anvil restarts
// from an older snapshot (a kill -9 loses up to one snapshot interval), after a truncated snapshot
// was moved aside (the chain starts empty), or when a stored transaction was never broadcast.
// Replays, in the order first broadcast (`seq`), every live logged transaction whose nonce the
// chain has not used; a sender's missing nonce is filled (a zero-value transfer to itself) when
// the stack holds its key, so nothing ever waits behind a gap. Deploys are replayed with their
// original sender and nonce, so contracts come back at the same address.
import { Transaction, Wallet } from "ethers";
import { broadcastSigned } from "@/lib/chain/broadcast";
import { provider } from "@/lib/chain/provider";
import { dropLogged, logSigned, type TLoggedTx } from "@/lib/chain/tx-log";
import { waitForReceipt } from "@/lib/chain/wait-for-receipt";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";

const REPLAY_LOCK = 0x1c40_0003;
const MINE_WAIT_MS = 10_000;

export type TReplayResult = { replayed: number; filled: number; dropped: number; unfilled: number; ms: number };
type TItem = { sender: string; nonce: number; hash: string; signedTx: string };

/** The senders whose keys the stack holds (the registry operator, Carbonmark's gas account). */
export function stackSigners(): Map<string, Wallet> {
  const c = config();
  return new Map(
    [c.REGISTRY_OPERATOR_KEY, c.CARBONMARK_GAS_KEY].map((key) => new Wallet(key)).map((w) => [w.address, w]),
  );
}

async function signFillers(wallet: Wallet, nonces: number[]): Promise<TItem[]> {
  const p = provider();
  const base = (await p.getBlock("latest"))?.baseFeePerGas ?? 1_000_000_000n;
  const tip = 1_000_000_000n;
  const { chainId } = await p.getNetwork();
  const out: TItem[] = [];
  for (const nonce of nonces) {
    const signedTx = await wallet.signTransaction({
      type: 2,
      chainId,
      to: wallet.address,
      value: 0n,
      nonce,
      gasLimit: 21_000n,
      maxFeePerGas: base * 4n + tip,
      maxPriorityFeePerGas: tip,
    });
    out.push({ sender: wallet.address, nonce, hash: Transaction.from(signedTx).hash!, signedTx });
  }
  await logSigned(
    prisma,
    out.map((f) => ({ signedTx: f.signedTx, purpose: "nonce-filler" })),
  );
  return out;
}

/** The live logged transactions whose nonce the chain has not used, in `seq` order, and each sender's mined nonce. */
async function missing(): Promise<{ rows: TLoggedTx[]; mined: Map<string, number> }> {
  const senders = (
    await prisma.$queryRaw<{ sender: string }[]>`SELECT DISTINCT "sender" FROM "chain_tx_log" WHERE NOT "dropped"`
  ).map((s) => s.sender);
  const mined = new Map<string, number>();
  for (const s of senders) mined.set(s, await provider().getTransactionCount(s, "latest"));
  if (!senders.length) return { rows: [], mined };
  const rows = await prisma.$queryRaw<TLoggedTx[]>`
    SELECT t."seq", t."hash", t."sender", t."nonce", t."signedTx", t."purpose"
    FROM "chain_tx_log" t JOIN unnest(${senders}::text[], ${senders.map((s) => mined.get(s)!)}::int[]) AS c(sender, nonce)
      ON t."sender" = c.sender AND t."nonce" >= c.nonce
    WHERE NOT t."dropped" ORDER BY t."seq"`;
  return { rows, mined };
}

/** Puts fillers for each sender's missing nonces right before that sender's first logged transaction above them. */
async function withGapsFilled(rows: TLoggedTx[], mined: Map<string, number>, result: TReplayResult): Promise<TItem[]> {
  const keys = stackSigners();
  const fillers = new Map<string, TItem[]>();
  for (const sender of new Set(rows.map((r) => r.sender))) {
    const used = new Set(rows.filter((r) => r.sender === sender).map((r) => r.nonce));
    const top = Math.max(...used);
    const gaps: number[] = [];
    for (let n = mined.get(sender)!; n < top; n++) if (!used.has(n)) gaps.push(n);
    if (!gaps.length) continue;
    const wallet = keys.get(sender);
    if (!wallet) {
      result.unfilled += gaps.length;
      logger.error(
        { sender, gaps },
        "nonce gap of a sender whose key the stack does not hold; its later transactions wait until the gap is filled",
      );
      continue;
    }
    fillers.set(sender, await signFillers(wallet, gaps));
    result.filled += gaps.length;
  }
  const out: TItem[] = [];
  for (const r of rows) {
    const before = fillers.get(r.sender) ?? [];
    while (before.length && before[0].nonce < r.nonce) out.push(before.shift()!);
    out.push(r);
  }
  return out;
}

async function replayLocked(result: TReplayResult): Promise<void> {
  const { rows, mined } = await missing();
  if (!rows.length) return;
  const items = await withGapsFilled(rows, mined, result);
  let prev: TItem | undefined;
  for (const item of items) {
    // Another sender's transaction may depend on the previous one (a wallet's export after the
    // registry's transfer into it): let it be mined first.
    if (prev && prev.sender !== item.sender) await waitForReceipt(prev.hash, MINE_WAIT_MS);
    try {
      await broadcastSigned(item.signedTx);
      result.replayed++;
    } catch (err) {
      await provider().getBlockNumber(); // the chain is down: stop here, the next check replays again
      // Mined meanwhile (it was already in the node's pool, waiting on the gap this replay filled).
      if (await provider().getTransaction(item.hash)) {
        prev = item;
        continue;
      }
      const reason = `refused by the node on replay: ${(err as Error).message.slice(0, 300)}`;
      await dropLogged(prisma, item.hash, reason);
      result.dropped++;
      logger.error(
        { hash: item.hash, sender: item.sender, nonce: item.nonce, reason },
        "a logged transaction could not be replayed",
      );
    }
    prev = item;
  }
  if (prev) await waitForReceipt(prev.hash, MINE_WAIT_MS);
}

/** Replays what the chain lacks from the log (one replay at a time across processes). Safe to call any time. */
export async function replayChainLog(opts: { reason: string }): Promise<TReplayResult> {
  const started = performance.now();
  const result: TReplayResult = { replayed: 0, filled: 0, dropped: 0, unfilled: 0, ms: 0 };
  await prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${REPLAY_LOCK})`;
      await replayLocked(result);
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  result.ms = Math.round(performance.now() - started);
  if (result.replayed || result.filled || result.dropped || result.unfilled)
    logger.warn({ ...result, reason: opts.reason }, "replayed chain transactions from the database log");
  return result;
}
