// kill -9 of the real worker process (scripts/worker.ts, started as `npm start`'s supervisor starts it)
// at several points of a batch of 30 accepted requests, each time replaced by a fresh worker as the
// supervisor does: every request must end processed exactly once (one transfer on chain per request,
// the database agreeing), with no person stepping in. The bounds only catch a hang.
import type { ChildProcess } from "node:child_process";
import { Wallet } from "ethers";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { creditContract } from "@/lib/registry/projects";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { orgWithCredits } from "@/lib/testing/registry-api";
import { startWorker } from "./lib/processes.ts";

const E15 = 10n ** 15n;
/** Far above a takeover (a heartbeat going stale, ~30 s): only a hang or a lost job reaches it. */
const HANG_MS = 120_000;

let worker: ChildProcess | undefined;
let output = "";
function spawnWorker(): ChildProcess {
  const child = startWorker({ env: { LOG_LEVEL: "warn" }, pipe: true });
  child.stdout?.on("data", (d) => (output = (output + String(d)).slice(-20_000)));
  child.stderr?.on("data", (d) => (output = (output + String(d)).slice(-20_000)));
  worker = child;
  return child;
}
async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(child.pid!, "SIGKILL");
  await exited;
}
afterAll(async () => {
  if (worker) await kill9(worker);
  await prisma.$executeRaw`DELETE FROM "worker_heartbeat"`;
});

async function until<T>(what: string, read: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms\n--- worker ---\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function rpc(method: string, params: unknown[] = []) {
  return provider().send(method, params);
}

describe("the worker killed with kill -9 in the middle of a batch", async () => {
  const a = await orgWithCredits("killed");
  const states = (ids: string[]) =>
    prisma.icrCreditRequest.findMany({ where: { id: { in: ids } }, select: { id: true, state: true } });
  /** `n` accepted transfers of 0.001, each to its own fresh address (a second transfer would show in its balance). */
  const accept = async (n: number) => {
    const out: { id: string; to: string }[] = [];
    for (let i = 0; i < n; i++) {
      const to = Wallet.createRandom().address;
      const r = await createRequest({
        organizationId: a.org.id,
        action: "transfer",
        input: { creditId: a.credit.id, amount: "0.001", toAddress: to },
      });
      await acceptRequest({ requestId: r.id, userId: a.admin.id });
      out.push({ id: r.id, to });
    }
    return out;
  };

  /** Waits until every request of `batch` is processed; returns how long that took after `killedAt`. */
  const takeover = async (batch: { id: string }[], killedAt: number) => {
    await until(
      "every request of the batch processed after the kill",
      async () => (await states(batch.map((r) => r.id))).every((r) => r.state === "processed"),
      HANG_MS,
    );
    return Date.now() - killedAt;
  };

  it("every one of 30 requests is processed exactly once after kills between taking the jobs and claiming them, while sent but unmined, and while finishing", async () => {
    spawnWorker();
    await until("the worker beats", async () => (await prisma.workerHeartbeat.count()) > 0, 60_000);
    const all: { id: string; to: string }[] = [];
    const took: number[] = [];

    // 1. The worker has taken the jobs from the queue (they are "active") but its claim never reaches
    //    the database (its statement waits on a lock here, and dies with it): nothing records who runs them.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query('LOCK TABLE "worker_job_claim" IN EXCLUSIVE MODE');
    const first = await accept(10);
    all.push(...first);
    const claimWaiting = async () =>
      (
        await blocker.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO%worker_job_claim%'`)
      ).rows;
    await until(
      "the worker takes the first jobs and waits to claim them",
      async () => (await claimWaiting()).length > 0,
      30_000,
    );
    await kill9(worker!);
    let killedAt = Date.now();
    for (const { pid } of await claimWaiting()) await blocker.query("SELECT pg_terminate_backend($1)", [pid]);
    await blocker.query("ROLLBACK");
    await blocker.end();
    spawnWorker();
    took.push(await takeover(first, killedAt));

    // 2. Signed, stored and broadcast, but not mined (the chain stops mining): kill before any receipt.
    await rpc("evm_setAutomine", [false]);
    const second = await accept(10);
    all.push(...second);
    await until(
      "a request of the second batch is sent",
      async () => (await states(second.map((r) => r.id))).some((r) => r.state === "pending_onchain"),
      HANG_MS,
    );
    await kill9(worker!);
    killedAt = Date.now();
    await rpc("evm_setAutomine", [true]);
    await rpc("evm_mine");
    spawnWorker();
    took.push(await takeover(second, killedAt));

    // 3. While the worker is finishing a batch: killed as soon as the first of it is processed.
    const third = await accept(10);
    all.push(...third);
    await until(
      "a request of the third batch is processed",
      async () => (await states(third.map((r) => r.id))).some((r) => r.state === "processed"),
      HANG_MS,
    );
    await kill9(worker!);
    killedAt = Date.now();
    spawnWorker();
    took.push(await takeover(third, killedAt));
    console.log(`takeover after each kill (ms): ${took.join(", ")}`);

    // Exactly once: each address received one transfer, and the database holds one transaction each.
    const ids = all.map((r) => r.id);
    const token = creditContract(a.credit.tokenAddress);
    for (const r of all) expect(await token.balanceOf(r.to, 1n)).toBe(E15);
    expect(await token.balanceOf(a.address, 1n)).toBe(10n * 10n ** 18n - 30n * E15);
    const rows = await prisma.icrCreditRequest.findMany({ where: { id: { in: ids } } });
    expect(rows.map((r) => r.state)).toEqual(Array(30).fill("processed"));
    // Each request moved by its own transaction, or by its own move of a batch: 30 distinct (tx, index).
    expect(new Set(rows.map((r) => `${r.txId}:${r.batchIndex}`)).size).toBe(30);
    for (const r of rows) expect((await provider().getTransactionReceipt(r.txId!))?.status).toBe(1);
  }, 600_000);
});
