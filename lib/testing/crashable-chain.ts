// A test file's own anvil with its state on disk, like `npm start`'s, that a test can kill -9 and
// restart from its last snapshot (no timed snapshots: the test takes them). Call at the top of a
// test file, before anything reads the config, so the app's modules talk to this chain.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAnvil, type TAnvil } from "../stack/chain.ts";
import { freePort } from "../stack/ports.ts";
import { startChainGuard } from "@/lib/chain/chain-guard";

export async function startCrashableChain() {
  const stateDir = mkdtempSync(path.join(tmpdir(), "chain-crash-"));
  const logLines: string[] = [];
  const options = {
    port: await freePort(),
    stateDir,
    snapshotIntervalMs: 3_600_000,
    log: (line: string) => logLines.push(line),
  };
  let anvil: TAnvil = await startAnvil(options);
  process.env.CHAIN_RPC_URL = anvil.url;
  return {
    stateDir,
    logLines,
    snapshot: () => anvil.snapshot(),
    stop: () => anvil.stop(),
    /** kill -9, optionally truncating the snapshot on disk, then start again from it. */
    async killAndRestart(opts: { truncate?: boolean } = {}) {
      const exited = new Promise((r) => anvil.child.once("exit", r));
      anvil.child.kill("SIGKILL");
      await exited;
      if (opts.truncate) {
        const file = path.join(stateDir, "state.json");
        const whole = readFileSync(file);
        writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
      }
      anvil = await startAnvil(options);
    },
    /** What the worker does at start: replay the log (then it would keep watching). */
    async recover() {
      (await startChainGuard({ intervalMs: 60_000 })).stop();
    },
  };
}
