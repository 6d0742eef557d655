// Runs anvil (from @foundry-rs/anvil, binary shipped in the npm package) with state kept on disk:
// loaded at start with --load-state, written atomically every few seconds when a block was mined
// since the last write (lib/stack/chain-snapshot.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { HDNodeWallet, Mnemonic } from "ethers";
import { headBlockHash, moveAside, usableSnapshot, writeSnapshot } from "./chain-snapshot.ts";
import { isPidAlive, readPid, removePid, stopOrphan, writePid } from "./pidfile.ts";
import { anvilProfileArgs, type TChainProfile } from "./chain-profile.ts";
import { isPortFree } from "./ports.ts";

const require = createRequire(import.meta.url);

/** anvil's well-known development mnemonic: its accounts are funded on every fresh local chain. */
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

export function anvilKey(index: number): string {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(ANVIL_MNEMONIC), `m/44'/60'/0'/0/${index}`).privateKey;
}

export function anvilBinary(): string {
  return path.join(path.dirname(require.resolve("@foundry-rs/anvil-linux-amd64/package.json")), "bin", "anvil");
}

export type TAnvil = {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
  /** Writes the chain's state to `<stateDir>/state.json` now (atomically); a no-op without a state dir. */
  snapshot: () => Promise<void>;
};

type TAnvilOptions = {
  port: number;
  stateDir?: string;
  chainId?: number;
  /** How often the state is written to disk (default 5 s); what a kill -9 loses since is replayed from the database. */
  snapshotIntervalMs?: number;
  log?: (line: string) => void;
  /** instant (default): a block per transaction; polygon: a block every 2 s, `finalized` a few blocks back. */
  profile?: TChainProfile;
};

async function isUp(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Spawns anvil and waits until it answers; rejects (with anvil's message) if it exits first. */
async function spawnAnvil(args: string[], url: string): Promise<ChildProcess> {
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`anvil exited at start: ${stderr.trim()}`);
    if (await isUp(url)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

export async function startAnvil(opts: TAnvilOptions): Promise<TAnvil> {
  const log = opts.log ?? ((line: string) => console.warn(`[chain] ${line}`));
  const url = `http://127.0.0.1:${opts.port}`;
  const pidFile = opts.stateDir ? path.join(opts.stateDir, "anvil.pid") : undefined;
  const leftover = pidFile ? readPid(pidFile) : undefined;
  if (leftover && isPidAlive(leftover)) {
    // A killed run's anvil: keep what it holds, then stop it.
    if (opts.stateDir) await writeSnapshot(url, opts.stateDir).catch(() => undefined);
    await stopOrphan(leftover);
  }
  if (!(await isPortFree(opts.port))) {
    throw new Error(
      `Port ${opts.port} for the local chain (anvil) is in use. Free it or set CHAIN_PORT (or CHAIN_RPC_URL to use another node).`,
    );
  }
  const args = [
    "--port",
    String(opts.port),
    "--host",
    "127.0.0.1",
    "--chain-id",
    String(opts.chainId ?? 31337),
    "--silent",
    ...anvilProfileArgs(opts.profile ?? "instant"),
  ];
  let child: ChildProcess;
  if (opts.stateDir) {
    mkdirSync(opts.stateDir, { recursive: true });
    const snapshot = usableSnapshot(opts.stateDir, log);
    try {
      child = await spawnAnvil(snapshot ? [...args, "--load-state", snapshot] : args, url);
    } catch (err) {
      if (!snapshot) throw err;
      moveAside(snapshot, `refused by anvil (${(err as Error).message.slice(0, 200)})`, log);
      child = await spawnAnvil(args, url);
    }
  } else {
    child = await spawnAnvil(args, url);
  }
  if (pidFile && child.pid) writePid(pidFile, child.pid);

  // Snapshots one at a time; the timer never keeps the process alive. A dump costs time in
  // proportion to the chain's history (blocks included), so the timer writes one only when the
  // head block changed since the last: an idle chain is not dumped over and over.
  let writing: Promise<void> = Promise.resolve();
  let writtenAt: string | undefined;
  const snapshot = (opts2: { ifChanged?: boolean } = {}) => {
    if (!opts.stateDir) return Promise.resolve();
    const dir = opts.stateDir;
    writing = writing.then(async () => {
      const head = await headBlockHash(url);
      if (opts2.ifChanged && head === writtenAt) return;
      await writeSnapshot(url, dir);
      writtenAt = head;
    });
    return writing;
  };
  const timer = opts.stateDir
    ? setInterval(
        () =>
          void snapshot({ ifChanged: true }).catch(
            (err) => child.exitCode === null && log(`snapshot failed: ${(err as Error).message}`),
          ),
        opts.snapshotIntervalMs ?? 5_000,
      )
    : undefined;
  timer?.unref();
  child.once("exit", () => clearInterval(timer));

  const stop = async () => {
    clearInterval(timer);
    if (child.exitCode !== null || child.signalCode !== null) return;
    await snapshot().catch((err) => log(`final snapshot failed: ${(err as Error).message}`));
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
    if (pidFile) removePid(pidFile);
  };
  return { url, child, stop, snapshot: () => snapshot() };
}
