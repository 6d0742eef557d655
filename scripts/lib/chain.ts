// Runs anvil (from @foundry-rs/anvil, binary shipped in the npm package) with state kept on disk.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { HDNodeWallet, Mnemonic } from "ethers";
import { isPidAlive, readPid, removePid, stopOrphan, writePid } from "./pidfile.ts";
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

export type TAnvil = { url: string; child: ChildProcess; stop: () => Promise<void> };

export async function startAnvil(opts: { port: number; stateDir?: string; chainId?: number }): Promise<TAnvil> {
  const pidFile = opts.stateDir ? path.join(opts.stateDir, "anvil.pid") : undefined;
  const leftover = pidFile ? readPid(pidFile) : undefined;
  if (leftover && isPidAlive(leftover)) await stopOrphan(leftover); // SIGTERM: anvil dumps its state first
  if (!(await isPortFree(opts.port))) {
    throw new Error(`Port ${opts.port} for the local chain (anvil) is in use. Free it or set CHAIN_PORT (or CHAIN_RPC_URL to use another node).`);
  }
  const args = ["--port", String(opts.port), "--host", "127.0.0.1", "--chain-id", String(opts.chainId ?? 31337), "--silent"];
  if (opts.stateDir) {
    mkdirSync(opts.stateDir, { recursive: true });
    // --state loads at start and dumps on exit; the interval dump bounds what a kill -9 can lose.
    args.push("--state", path.join(opts.stateDir, "state.json"), "--state-interval", "5");
  }
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
  if (pidFile && child.pid) writePid(pidFile, child.pid);
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`anvil exited at start: ${stderr.trim()}`);
    try {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      // A child killed by a signal keeps exitCode null: check signalCode too, or this waits forever.
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => {
        if (pidFile) removePid(pidFile);
        resolve();
      });
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  return { url, child, stop };
}
