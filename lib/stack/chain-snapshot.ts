// anvil's state on disk, written atomically. anvil's own `--state` rewrites state.json in place,
// so a kill during a dump leaves half a file that stops the next start for good. Instead the
// parent asks anvil for its state over RPC (`anvil_dumpState`) and writes it to a temp file,
// fsyncs it, renames it over state.json and fsyncs the directory: the file on disk is always a
// whole snapshot, the old one or the new one. What a crash loses since the last snapshot is
// replayed from the database's transaction log (lib/chain/replay-chain-log.ts).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export const STATE_FILE = "state.json";

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

function writeFileAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(path.dirname(file), "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** The hash of the chain's latest block: what changes whenever its state does (every transaction is mined into a block). */
export async function headBlockHash(url: string): Promise<string> {
  return ((await rpc(url, "eth_getBlockByNumber", ["latest", false])) as { hash: string }).hash;
}

/** Dumps the chain at `url` into `<stateDir>/state.json` atomically (the JSON `--load-state` reads). */
export async function writeSnapshot(url: string, stateDir: string): Promise<void> {
  const hex = (await rpc(url, "anvil_dumpState")) as string;
  const raw = Buffer.from(hex.replace(/^0x/, ""), "hex");
  const json = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  JSON.parse(json.toString("utf8")); // never replace a good snapshot with a bad one
  writeFileAtomic(path.join(stateDir, STATE_FILE), json);
}

/**
 * The snapshot to start from, or undefined. A file that is not whole JSON (a crash mid-write by an
 * older version, a full disk) is moved aside with a log line; the chain then starts empty and the
 * worker rebuilds it from the database's transaction log.
 */
export function usableSnapshot(stateDir: string, log: (line: string) => void): string | undefined {
  const file = path.join(stateDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    JSON.parse(readFileSync(file, "utf8"));
    return file;
  } catch (err) {
    moveAside(file, `unreadable (${(err as Error).message})`, log);
    return undefined;
  }
}

export function moveAside(file: string, why: string, log: (line: string) => void): void {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(file, aside);
  log(
    `chain state ${file} is ${why}: moved to ${aside}; the chain starts empty and is rebuilt from the database's transaction log`,
  );
}
