// `npm start` under fire: the real scripts/start.ts (without Next.js, so no build is needed) in a
// throwaway data dir; the worker and PostgreSQL are killed with kill -9 and processing must resume
// without a person; Ctrl-C with a dead anvil must stop everything (a hang runs into the test's timeout).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import PgBoss from "pg-boss";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "@/lib/testing/local-http-server";
import { isPidAlive, readPid } from "../lib/stack/pidfile.ts";
import { freePort } from "../lib/stack/ports.ts";
import { DEV_APP_ID } from "../lib/stack/secrets.ts";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data", `test-supervise-${randomUUID().slice(0, 8)}`);
let start: ChildProcess;
let output = "";
let dbUrl: string;
let chainPort: number;
let receiver: Awaited<ReturnType<typeof startLocalServer>>;
const log: string[] = [];

async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve(check()).catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n--- npm start output ---\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const workerPid = () =>
  readFileSync(path.join(dataDir, "app.pids"), "utf8")
    .split("\n")
    .map(Number)
    .filter((p) => p > 0)
    .find((p) => readFileSync(`/proc/${p}/cmdline`, "utf8").includes("scripts/worker.ts"));
const postgresPid = () => readPid(path.join(dataDir, "postgres", "postmaster.pid"));
const anvilPid = () => readPid(path.join(dataDir, "chain", "anvil.pid"));

/** Queues one webhook delivery (straight into pg-boss, retrying while the database is down) and resolves when the worker has delivered it. */
async function deliveredAfterQueueing(): Promise<void> {
  const deliveryId = randomUUID();
  await until(
    "the job to be queued",
    async () => {
      const boss = new PgBoss({ connectionString: dbUrl, schema: "pgboss", max: 1, supervise: false, schedule: false });
      boss.on("error", () => undefined);
      try {
        await boss.start();
        // null until the worker has created the queue
        return (
          (await boss.send(
            "icr-webhook",
            { appId: DEV_APP_ID, event: "installed", deliveryId, body: JSON.stringify({ deliveryId }) },
            { id: deliveryId },
          )) ?? undefined
        );
      } finally {
        await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      }
    },
    30_000,
  );
  await until("the delivery", () => receiver.requests.some((r) => r.headers["x-icr-delivery"] === deliveryId), 60_000);
}

beforeAll(async () => {
  receiver = await startLocalServer((_req, res) => void res.writeHead(200).end());
  const port = await freePort();
  const pgPort = await freePort();
  chainPort = await freePort();
  const env = {
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PG_PORT: String(pgPort),
    CHAIN_PORT: String(chainPort),
    LOG_LEVEL: "warn",
  };
  start = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "scripts/start.ts",
      "--no-web",
      "--data-dir",
      dataDir,
      "--fresh",
      "--port",
      String(port),
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  start.stdout!.on("data", (d) => (output += String(d)));
  start.stderr!.on("data", (d) => (output += String(d)));
  await until("npm start to be up", () => output.includes("Carbonmark ⇄ ICR is running"), 120_000);
  expect(output).toContain("demo@carbonmark.test / carbonmark-demo");
  // The embedded cluster's superuser password was generated into the data dir's secrets.json.
  const { EMBEDDED_POSTGRES_PASSWORD } = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  dbUrl = `postgresql://carbonmark:${EMBEDDED_POSTGRES_PASSWORD}@127.0.0.1:${pgPort}/carbonmark`;
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(`UPDATE icr_app SET "webhookUrl" = $1 WHERE id = $2`, [`${receiver.url}/hook`, DEV_APP_ID]);
  await client.end();
}, 180_000);

afterAll(async () => {
  if (start.exitCode === null && start.signalCode === null) {
    start.kill("SIGINT");
    await new Promise((r) => start.once("exit", r));
  }
  await receiver.close();
  console.log(log.join("\n"));
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe("npm start supervises its children", () => {
  it("processes jobs again after the worker is killed with kill -9", async () => {
    await deliveredAfterQueueing(); // the worker is up
    const baselineAt = Date.now();
    await deliveredAfterQueueing();
    log.push(`baseline: a job queued while all is well is processed after ${Date.now() - baselineAt} ms`);
    const before = await until("the worker's pid", () => workerPid(), 10_000);
    const killedAt = Date.now();
    process.kill(before, "SIGKILL");
    await deliveredAfterQueueing();
    log.push(`worker kill -9 → job processed again after ${Date.now() - killedAt} ms`);
    expect(workerPid()).not.toBe(before);
    expect(output).toMatch(/worker stopped \(killed by SIGKILL\); restarting in/);
  }, 120_000);

  it("processes jobs again after PostgreSQL is killed with kill -9, the worker staying up", async () => {
    const worker = workerPid()!;
    const pgPid = await until("PostgreSQL's pid", () => postgresPid(), 10_000);
    const killedAt = Date.now();
    process.kill(pgPid, "SIGKILL");
    await deliveredAfterQueueing();
    log.push(`PostgreSQL kill -9 → job processed again after ${Date.now() - killedAt} ms`);
    expect(output).toMatch(/PostgreSQL stopped \(killed by SIGKILL\); restarting in/);
    expect(isPidAlive(worker)).toBe(true); // rode out the outage
    expect(output).not.toMatch(/giving up/);
  }, 120_000);

  it("restarts anvil after kill -9", async () => {
    const before = await until("anvil's pid", () => anvilPid(), 10_000);
    const killedAt = Date.now();
    process.kill(before, "SIGKILL");
    await until(
      "anvil to answer again",
      async () => {
        if (anvilPid() === before || !output.includes("anvil restarted")) return undefined;
        const res = await fetch(`http://127.0.0.1:${chainPort}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        });
        return res.ok ? true : undefined;
      },
      30_000,
    );
    log.push(`anvil kill -9 → restarted after ${Date.now() - killedAt} ms`);
  }, 60_000);

  it("Ctrl-C with anvil just killed stops everything, with one signal", async () => {
    const chain = await until("anvil's pid", () => anvilPid(), 10_000);
    const database = postgresPid()!;
    process.kill(chain, "SIGKILL");
    await new Promise((r) => setTimeout(r, 100));
    const signalledAt = Date.now();
    process.kill(-start.pid!, "SIGINT"); // as a terminal's Ctrl-C does: to the whole foreground group (tsx and start.ts)
    // No limit of our own: a stop that waits on the dead anvil ends in start.ts's forced kill after 14 s
    // (exit code 1) or hangs into the test's 30 s timeout; a clean stop typically takes under 1 s.
    const code = await new Promise<number | null>((resolve) => start.once("exit", (c) => resolve(c)));
    const took = Date.now() - signalledAt;
    log.push(`Ctrl-C with a dead anvil → everything stopped after ${took} ms`);
    expect(output).not.toContain("did not stop within"); // not the forced kill
    expect(code).toBe(0);
    expect(isPidAlive(database)).toBe(false);
    expect(output).toContain("[start] stopped");
    expect(output).not.toContain("second signal"); // one Ctrl-C is one stop, not a forced kill
  }, 30_000);
});
