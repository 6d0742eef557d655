// `npm run bench`: a throwaway stack under .data/bench (its own ports, loopback only), then each
// section of `sections` measures one figure beside a baseline from the same run.
// Options: --only <section name>[,<section name>…], --no-http (skip sections that need `next start`).
// Sections of the polygon chain profile run afterwards in a second throwaway stack (a child bench
// with CHAIN_PROFILE=polygon, .data/bench-polygon), and their rows join the same table.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { benchOrgWithCredits, latencies, pct } from "./lib/bench-stats.ts";
import { rawOneSenderRate } from "./lib/raw-transfers.ts";
import { startStack, type TStack } from "./lib/stack.ts";
import { startNext, stopChild, waitForHttp } from "./lib/processes.ts";
import { buildIfChanged } from "./lib/next-build.ts";
import { browserSections } from "./bench-browser.ts";
import { carbonmarkSections } from "./bench-carbonmark.ts";
import { certificateSections } from "./bench-certificates.ts";
import { batchSections } from "./bench-batches.ts";
import { chainSections } from "./bench-chain.ts";
import { firstLoadSections } from "./bench-first-load.ts";
import { polygonSections } from "./bench-polygon.ts";
import { chainProfile, type TChainProfile } from "../lib/stack/chain-profile.ts";
import { proofSections } from "./bench-proof.ts";
import { resetTimingSections } from "./bench-reset-timing.ts";
import { statementSections } from "./bench-statements.ts";
import { takeoverSections } from "./bench-takeover.ts";

const PORTS = {
  app: Number(process.env.BENCH_PORT ?? 3202),
  pg: Number(process.env.BENCH_PG_PORT ?? 54389),
  chain: Number(process.env.BENCH_CHAIN_PORT ?? 8605),
};
export type TRow = {
  figure: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  note?: string;
  /** The figure misses what it must meet: the bench exits non-zero. */
  failed?: boolean;
};
export type TSection = {
  name: string;
  needsHttp?: boolean;
  /** The chain profile it measures (default instant). */
  profile?: TChainProfile;
  /**
   * Measured on a fresh stack of its own, after the others: nothing another section left behind
   * weighs on it, and what it leaves behind (thousands of fresh addresses in anvil's state, 20,000
   * more blocks that make every later state dump slow, a 100,000-row database) weighs on no other.
   */
  ownStack?: boolean;
  run: (ctx: { stack: TStack; baseUrl: string; appPid?: number }) => Promise<TRow[]>;
};

export const sections: TSection[] = [
  {
    name: "processing",
    run: async () => {
      const { Wallet } = await import("ethers");
      const { prisma } = await import("../lib/db.ts");
      const { startJobs } = await import("../lib/jobs/start-jobs.ts");
      const { APP_QUEUES } = await import("../lib/worker/queues.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const { creditContract } = await import("../lib/registry/projects.ts");
      const { createRequest } = await import("../lib/registry/requests/create-request.ts");
      const { acceptRequest } = await import("../lib/registry/requests/accept-request.ts");
      const N = 200;

      const rawPerSec = await rawOneSenderRate(N);

      const label = Date.now().toString(36);
      const { org, credit, admin } = await benchOrgWithCredits(label);
      const to = Wallet.createRandom().address;
      const requests = [];
      for (let i = 0; i < N; i++)
        requests.push(
          await createRequest({
            organizationId: org.id,
            action: "transfer",
            input: { creditId: credit.id, amount: "0.001", toAddress: to },
          }),
        );

      await startJobs({ queues: APP_QUEUES, work: true });
      const t1 = performance.now();
      await Promise.all(requests.map((r) => acceptRequest({ requestId: r.id, userId: admin.id })));
      const deadline = Date.now() + 120_000;
      let done = 0;
      while (Date.now() < deadline) {
        done = await prisma.icrCreditRequest.count({
          where: { id: { in: requests.map((r) => r.id) }, state: { in: ["processed", "failed"] } },
        });
        if (done === N) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - t1) / 1000;
      await stopBoss();
      const processed = await prisma.icrCreditRequest.findMany({
        where: { id: { in: requests.map((r) => r.id) }, state: "processed" },
        select: { txId: true, batchIndex: true },
      });
      const balance = (await creditContract(credit.tokenAddress).balanceOf(to, 1n)) as bigint;
      const expected = BigInt(processed.length) * 10n ** 15n;
      const lost = N - processed.length;
      // A batch carries many requests: each must hold its own move (hash and index) in it.
      const moves = new Set(processed.map((p) => `${p.txId}:${p.batchIndex}`));
      const dup = moves.size !== processed.length || balance !== expected;
      return [
        {
          figure: `accepted transfers processed/s (${N} accepted at once)`,
          value: processed.length / seconds,
          unit: "/s",
          baseline: "raw anvil transfers/s",
          baselineValue: rawPerSec,
          note: `${processed.length}/${N} processed, lost ${lost}, duplicated ${dup ? "YES" : 0}, chain balance ${balance === expected ? "matches" : "MISMATCH"}`,
        },
      ];
    },
  },
  {
    name: "inventory-latency",
    needsHttp: true,
    run: async ({ baseUrl }) => {
      const { prisma } = await import("../lib/db.ts");
      const { createAccessToken } = await import("../lib/registry/auth/access-tokens.ts");
      const org = await prisma.icrOrganization.findFirstOrThrow({ where: { fullName: "Verdant Forest Holdings" } });
      const { token } = await createAccessToken({
        organizationId: org.id,
        permissions: ["organization_inventory:read"],
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      const headers = { authorization: `Bearer ${token}`, "x-icr-api-version": "2023-06-16" };
      const inv = `${baseUrl}/icr/api/organizations/${org.id}/inventory`;
      const trivial = `${baseUrl}/icr/api/openapi.json`;
      // Warm up at full concurrency (100 connections open, code paths hot), each route right before its measurement.
      await latencies(trivial, {}, 100, 3);
      await latencies(inv, headers, 100, 3);
      const a = await latencies(inv, headers, 100, 10);
      const b = await latencies(trivial, {}, 100, 10);
      return [
        {
          figure: "GET inventory p50 (100 clients)",
          value: pct(a, 50),
          unit: "ms",
          baseline: "trivial route p50",
          baselineValue: pct(b, 50),
        },
        {
          figure: "GET inventory p95 (100 clients)",
          value: pct(a, 95),
          unit: "ms",
          baseline: "trivial route p95",
          baselineValue: pct(b, 95),
        },
      ];
    },
  },
];

sections.push(
  ...batchSections,
  ...carbonmarkSections,
  ...browserSections,
  ...certificateSections,
  ...resetTimingSections,
  ...chainSections,
  ...firstLoadSections,
  ...statementSections,
  ...polygonSections,
  ...proofSections,
  ...takeoverSections,
);

/**
 * The environment this process started with: startStack() writes its stack's settings
 * (DATABASE_URL, CHAIN_RPC_URL, keys…) into process.env, and a child bench that inherited them would
 * use this stack (stopped by then) instead of starting its own.
 */
const startEnv = { ...process.env };

/** Runs `names` in a child bench on the polygon profile; returns its rows (and whether it failed). */
/** Runs sections in a child bench process on a stack of its own (this process's stack stopped first). */
function runInChild(names: string[], opts: { env: NodeJS.ProcessEnv; args?: string[] }): { rows: TRow[]; ok: boolean } {
  const out = `.data/bench-child-rows.json`;
  rmSync(out, { force: true });
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1], "--only", names.join(","), "--rows-file", out, ...(opts.args ?? [])],
    { stdio: "inherit", env: opts.env },
  );
  try {
    return { rows: JSON.parse(readFileSync(out, "utf8")) as TRow[], ok: r.status === 0 };
  } catch {
    return { rows: [], ok: false };
  }
}

/** Runs `chosen` on this process's stack (started fresh, stopped at the end), adding their rows. */
async function runHere(chosen: TSection[], profile: TChainProfile, rows: TRow[], failedSections: string[]) {
  const log = (l: string) => console.log(`[bench] ${l}`);
  const stack = await startStack({
    dataDir: (process.env.BENCH_DATA_DIR ?? ".data/bench") + (profile === "instant" ? "" : `-${profile}`),
    port: PORTS.app,
    pgPort: PORTS.pg,
    chainPort: PORTS.chain,
    fresh: true,
    log,
  });
  const baseUrl = `http://127.0.0.1:${PORTS.app}`;
  let next;
  try {
    if (chosen.some((s) => s.needsHttp)) {
      buildIfChanged(log, { ...process.env, ...stack.env });
      // The bench's clients all come from 127.0.0.1: the per-IP certificate download limit is lifted so
      // the certificate section measures downloads served, as from many visitors.
      next = startNext({
        port: PORTS.app,
        env: { ...stack.env, LOG_LEVEL: "warn", ICR_CERTIFICATE_DOWNLOADS_PER_MINUTE: "1000000" },
        quiet: true,
      });
      // Not /api/health: it answers 503 without a worker heartbeat, and the bench runs no worker process.
      await waitForHttp(`${baseUrl}/icr/api/openapi.json`, 90_000);
    }
    for (const s of chosen) {
      log(`running ${s.name}`);
      try {
        const got = await s.run({ stack, baseUrl, appPid: next?.pid });
        rows.push(...got);
        for (const r of got)
          log(`${r.figure}: ${r.value.toFixed(1)} ${r.unit} (${r.baseline}: ${r.baselineValue.toFixed(1)} ${r.unit})`);
      } catch (err) {
        failedSections.push(s.name);
        log(`${s.name} failed: ${(err as Error).stack ?? err}`);
      }
    }
  } finally {
    if (next) await stopChild(next);
    const { prisma } = await import("../lib/db.ts");
    await prisma.$disconnect().catch(() => undefined);
    await stack.stop();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      "no-http": { type: "boolean" },
      "rows-file": { type: "string" },
      /** set in the child that runs the ownStack sections */
      "own-stack": { type: "boolean" },
    },
  });
  const only = values.only?.split(",");
  const profile = chainProfile(process.env);
  const wanted = sections.filter((s) => (!only || only.includes(s.name)) && !(values["no-http"] && s.needsHttp));
  const ownStack = values["own-stack"] === true;
  const chosen = wanted.filter((s) => (s.profile ?? "instant") === profile && (ownStack || !s.ownStack));
  const alone =
    ownStack || profile !== "instant" ? [] : wanted.filter((s) => s.ownStack && !s.profile).map((s) => s.name);
  const elsewhere = profile === "instant" ? wanted.filter((s) => s.profile === "polygon").map((s) => s.name) : [];
  const log = (l: string) => console.log(`[bench] ${l}`);
  const rows: TRow[] = [];
  const failedSections: string[] = [];
  if (chosen.length) await runHere(chosen, profile, rows, failedSections);
  if (values["rows-file"]) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(values["rows-file"], JSON.stringify(rows));
  }
  for (const name of alone) {
    log(`running ${name} on a stack of its own`);
    const child = runInChild([name], { env: startEnv, args: ["--own-stack"] });
    rows.push(...child.rows);
    if (!child.ok && !child.rows.some((r) => r.failed)) failedSections.push(`${name} (own stack)`);
  }
  if (elsewhere.length) {
    log(`running ${elsewhere.join(", ")} on a second stack, polygon chain profile`);
    const child = runInChild(elsewhere, { env: { ...startEnv, CHAIN_PROFILE: "polygon" } });
    rows.push(...child.rows);
    if (!child.ok && !child.rows.some((r) => r.failed)) failedSections.push(`${elsewhere.join(", ")} (polygon stack)`);
  }
  console.log("\n| figure | value | baseline | baseline value | ratio | note |\n| --- | --- | --- | --- | --- | --- |");
  for (const r of rows)
    console.log(
      `| ${r.figure} | ${r.value.toFixed(1)} ${r.unit} | ${r.baseline} | ${r.baselineValue.toFixed(1)} ${r.unit} | ${(r.value / r.baselineValue).toFixed(2)} | ${r.failed ? "FAILED: " : ""}${r.note ?? ""} |`,
    );
  const failed = [...failedSections, ...rows.filter((r) => r.failed).map((r) => r.figure)];
  if (failed.length) console.error(`\n✖ bench: ${failed.join("; ")}`);
  process.exit(failed.length ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
