// The worker's watch over the chain: replays the log at start (before any job runs), then checks
// every few seconds whether the chain went back (the block it last saw is gone or changed: anvil
// restarted from an older snapshot, or empty) or a stack sender's nonce on chain went back or
// lags the log, and replays then. A chain that does not answer is just checked again later.
import { provider } from "@/lib/chain/provider";
import { replayChainLog, stackSigners } from "@/lib/chain/replay-chain-log";
import { maxLoggedNonce } from "@/lib/chain/tx-log";
import { logger } from "@/lib/log/logger";

type TSeen = { number: number; hash: string; nonces: Map<string, number> };

async function observe(): Promise<TSeen> {
  const p = provider();
  const block = await p.getBlock("latest");
  const nonces = new Map<string, number>();
  for (const address of stackSigners().keys()) nonces.set(address, await p.getTransactionCount(address, "latest"));
  return { number: block!.number, hash: block!.hash!, nonces };
}

/** Why the chain needs a replay now, or undefined. `lagging` carries senders behind the log since the last check. */
async function whyReplay(seen: TSeen | undefined, now: TSeen, lagging: Set<string>): Promise<string | undefined> {
  if (seen) {
    const then = await provider().getBlock(seen.number);
    if (!then || then.hash !== seen.hash)
      return `the chain went back (block ${seen.number} ${then ? "changed" : "is gone"})`;
    for (const [address, n] of seen.nonces)
      if ((now.nonces.get(address) ?? n) < n) return `${address}'s nonce on chain went back`;
  }
  let why: string | undefined;
  for (const [address] of now.nonces) {
    const logged = await maxLoggedNonce(address);
    const behind = logged !== null && logged >= (await provider().getTransactionCount(address, "pending"));
    // Twice in a row: a batch being broadcast right now is not a lag.
    if (behind && lagging.has(address)) why ??= `${address} is behind the log`;
    if (behind) lagging.add(address);
    else lagging.delete(address);
  }
  return why;
}

/** Replays the log now, then keeps checking every `intervalMs` (the timer never keeps the process alive). */
export async function startChainGuard(opts: { intervalMs?: number } = {}): Promise<{ stop: () => void }> {
  let pending: string | undefined = "start";
  let seen: TSeen | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const lagging = new Set<string>();
  const check = async () => {
    try {
      const now = await observe();
      const why = pending ?? (await whyReplay(seen, now, lagging));
      if (why) {
        await replayChainLog({ reason: why });
        lagging.clear();
        seen = await observe();
      } else seen = now;
      pending = undefined;
    } catch (err) {
      pending ??= "the last check failed";
      logger.warn({ err: String(err) }, "chain check failed; checking again shortly");
    }
  };
  const loop = async () => {
    await check();
    if (!stopped) (timer = setTimeout(() => void loop(), opts.intervalMs ?? 2_000)).unref();
  };
  await loop();
  return { stop: () => ((stopped = true), clearTimeout(timer)) };
}
