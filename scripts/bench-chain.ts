// Chain recovery figures for `npm run bench`: how long the replay from the database's transaction
// log takes after a kill -9 of anvil right after a batch, and when the chain is rebuilt from
// nothing (a truncated state.json), beside the time the same batch took to process.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TSection } from "./bench.ts";
import { benchOrgWithCredits } from "./lib/bench-stats.ts";
import { STATE_FILE } from "../lib/stack/chain-snapshot.ts";
import { isPidAlive } from "../lib/stack/pidfile.ts";
import type { TStack } from "./lib/stack.ts";

const N = 100;

/** kill -9 of the stack's anvil; resolves once the supervisor's restarted one answers. */
async function killAnvilAndWaitForRestart(stack: TStack): Promise<void> {
  const pid = stack.supervisor.pid("anvil");
  if (!pid) throw new Error("the stack runs no anvil (CHAIN_RPC_URL is set)");
  process.kill(pid, "SIGKILL");
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const now = stack.supervisor.pid("anvil");
    if (now && now !== pid && isPidAlive(now)) {
      const answered = await fetch(stack.info.chainRpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (answered) return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("anvil was not restarted within 60 s");
}

export const chainSections: TSection[] = [
  {
    name: "chain-recovery",
    run: async ({ stack }) => {
      const { Wallet } = await import("ethers");
      const { provider } = await import("../lib/chain/provider.ts");
      const { replayChainLog } = await import("../lib/chain/replay-chain-log.ts");
      const { prisma } = await import("../lib/db.ts");
      const { creditContract } = await import("../lib/registry/projects.ts");
      const { createRequest } = await import("../lib/registry/requests/create-request.ts");
      const { acceptRequest } = await import("../lib/registry/requests/accept-request.ts");
      const { processRequests } = await import("../lib/registry/requests/process-request.ts");
      const stateDir = path.join(stack.info.dataDir, "chain");

      const label = `r${Date.now().toString(36)}`;
      const { org, credit, admin } = await benchOrgWithCredits(label);
      const to = Wallet.createRandom().address;
      const ids: string[] = [];
      for (let i = 0; i < N; i++) {
        const r = await createRequest({
          organizationId: org.id,
          action: "transfer",
          input: { creditId: credit.id, amount: "0.001", toAddress: to },
        });
        await acceptRequest({ requestId: r.id, userId: admin.id });
        ids.push(r.id);
      }
      const t0 = performance.now();
      await processRequests(ids);
      const processMs = performance.now() - t0;

      const check = async () => {
        const rows = await prisma.icrCreditRequest.findMany({
          where: { id: { in: ids } },
          select: { txId: true, state: true },
        });
        const mined = (await Promise.all(rows.map((r) => provider().getTransactionReceipt(r.txId!)))).filter(
          (r) => r?.status === 1,
        ).length;
        // null: the chain has no contract there (the crash took its deployment until the replay).
        const balance = (await creditContract(credit.tokenAddress)
          .balanceOf(to, 1n)
          .catch((err: { code?: string }) => {
            if (err.code === "BAD_DATA") return null;
            throw err;
          })) as bigint | null;
        return {
          processed: rows.filter((r) => r.state === "processed").length,
          mined,
          balanceOk: balance === BigInt(N) * 10n ** 15n,
        };
      };

      // kill -9 right after the batch; the stack's supervisor restarts anvil from its last snapshot.
      let t = performance.now();
      await killAnvilAndWaitForRestart(stack);
      const restartMs = performance.now() - t;
      const lost = await check();
      const replay = await replayChainLog({ reason: "bench" });
      const after = await check();

      // A truncated state.json: the restarted chain starts empty and is rebuilt from the whole log.
      // (No block is mined meanwhile, so the stack writes no new snapshot over the truncated one.)
      const file = path.join(stateDir, STATE_FILE);
      writeFileSync(file, readFileSync(file).subarray(0, 100));
      t = performance.now();
      await killAnvilAndWaitForRestart(stack);
      const emptyStartMs = performance.now() - t;
      const rebuild = await replayChainLog({ reason: "bench (empty chain)" });
      const rebuilt = await check();
      const ok = (c: { mined: number; balanceOk: boolean }) =>
        `${c.mined}/${N} mined, balance ${c.balanceOk ? "matches" : "MISMATCH"}`;
      return [
        {
          figure: `replay after kill -9 of anvil right after a ${N}-transfer batch`,
          value: replay.ms,
          unit: "ms",
          baseline: "processing that batch",
          baselineValue: processMs,
          note: `${N - lost.mined} of ${N} transfers lost by the crash, ${replay.replayed} txs replayed, afterwards ${ok(after)}; anvil back (supervisor's backoff included) after ${restartMs.toFixed(0)} ms`,
        },
        {
          figure: "rebuild from an empty chain (truncated state.json)",
          value: rebuild.ms,
          unit: "ms",
          baseline: "processing the batch",
          baselineValue: processMs,
          note: `${rebuild.replayed} logged txs replayed (deploys, mints, seed, batch), afterwards ${ok(rebuilt)}; anvil back after ${emptyStartMs.toFixed(0)} ms`,
        },
      ];
    },
  },
];
