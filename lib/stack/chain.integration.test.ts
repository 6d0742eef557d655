import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { startAnvil } from "./chain.ts";
import { STATE_FILE } from "./chain-snapshot.ts";
import { freePort } from "./ports.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stateDir = mkdtempSync(path.join(tmpdir(), "cm-chain-"));
const chain = await startAnvil({ port: await freePort(), stateDir, snapshotIntervalMs: 100, log: () => undefined });
afterAll(async () => {
  await chain.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function rpc(method: string, params: unknown[] = []) {
  await fetch(chain.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
}

/**
 * Which snapshot is on disk: each write renames a new file over state.json, so a new inode means a new
 * write (0: none yet). Waits up to `timeoutMs` for one other than `seen`.
 */
async function snapshotOnDisk(timeoutMs: number, seen = 0): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const inode = (() => {
      try {
        return statSync(path.join(stateDir, STATE_FILE)).ino;
      } catch {
        return 0;
      }
    })();
    if ((inode && inode !== seen) || Date.now() > until) return inode;
    await sleep(20);
  }
}

it("the chain's state is written to disk after a block is mined, and an idle chain is not written again", async () => {
  await rpc("anvil_mine", ["0x1"]);
  const first = await snapshotOnDisk(5_000);
  expect(first).toBeGreaterThan(0);
  await sleep(1_000); // ten timer ticks, no new block
  expect(await snapshotOnDisk(0)).toBe(first);

  await rpc("anvil_mine", ["0x1"]);
  const second = await snapshotOnDisk(5_000, first);
  expect(second).toBeGreaterThan(0);
  expect(second).not.toBe(first);
});
