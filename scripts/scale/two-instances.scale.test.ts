// The production process model, end to end: a PostgreSQL server of its own, external to the app
// (scripts/lib/external-postgres.ts: its own cluster and pg_ctl, reached only through DATABASE_URL),
// and one anvil as the external chain; `npm run migrate` and
// `npm run seed`; then TWO web instances (`npm run start:web`) and TWO workers
// (`npm run start:worker`) sharing them. 200 transfer requests are created through both instances
// (ICR API, the Carbonmark app's installation token, so webhooks flow to Carbonmark's receiver),
// accepted through both (the admin's `acceptRequestAction`, posted as the browser posts it), and one
// worker is SIGKILLed midway. Needs a production build: `npm test` runs this after the e2e step.
//
// APP_URL (and so the webhook URL and the app's callback) is web instance A: in production it is the
// load balancer's address; here instance A stands in for it. Both instances serve the ICR API and the
// admin pages; every webhook lands on A's receiver, which dedupes by delivery id.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import { anvilKey, startAnvil, type TAnvil } from "../../lib/stack/chain.ts";
import { freePort } from "../../lib/stack/ports.ts";
import { generateDevSecrets } from "../../lib/stack/secrets.ts";
import { DEV_APP_ID } from "../../lib/stack/secrets.ts";
import { startExternalPostgres, type TExternalPostgres } from "../lib/external-postgres.ts";
import { killGroup, npmRun, npmRunSync, tailOf, type TProc } from "./processes.ts";

const N = 200;
const AMOUNT = "0.001";
const root = path.resolve(import.meta.dirname, "../..");
const started = Date.now();
const logDir = mkdtempSync(path.join(os.tmpdir(), "carbonmark-scale-"));
const procs: TProc[] = [];
let pg: TExternalPostgres | undefined;
let anvil: TAnvil | undefined;
let webs: string[] = [];
let env: Record<string, string> = {};

const secondsSince = (t: number) => ((Date.now() - t) / 1000).toFixed(1);
const log = (line: string) => console.log(`[scale +${secondsSince(started)}s] ${line}`);
/** The health check's details (workers alive, last beat) are for the bearer of METRICS_TOKEN. */
const operator = () => ({ authorization: `Bearer ${env.METRICS_TOKEN}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const printTails = () => procs.forEach((p) => console.error(`--- ${p.name} (last lines) ---\n${tailOf(p.log, 30)}`));

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (last error: ${String(last)})` : ""}`);
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** The id the build gave a server action (what the page's client code sends in `Next-Action`). */
function serverActionId(exportedName: string, fileHint: string): string {
  const file = path.join(root, ".next/server/server-reference-manifest.json");
  if (!existsSync(file))
    throw new Error("no production build (.next/server/server-reference-manifest.json): run `npm run build` first");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const ids = Object.entries(manifest.node).filter(
    ([, a]) => a.exportedName === exportedName && (a.filename ?? "").includes(fileHint),
  );
  if (ids.length !== 1)
    throw new Error(`expected one server action ${exportedName} in ${fileHint}, found ${ids.length}`);
  return ids[0][0];
}

beforeAll(async () => {
  try {
    await startEverything();
  } catch (err) {
    printTails();
    throw err;
  }
}, 420_000);

async function startEverything() {
  pg = await startExternalPostgres({ port: await freePort() });
  const { default: pgClient } = await import("pg");
  const admin = new pgClient.Client({ connectionString: pg.url("postgres") });
  await admin.connect();
  await admin.query('CREATE DATABASE "carbonmark"');
  await admin.end();
  anvil = await startAnvil({ port: await freePort() });
  const ports = [await freePort(), await freePort()];
  webs = ports.map((p) => `http://127.0.0.1:${p}`);
  env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? os.homedir(),
    LANG: "C.UTF-8",
    ...generateDevSecrets(),
    DATABASE_URL: pg.url("carbonmark"),
    CHAIN_RPC_URL: anvil.url,
    REGISTRY_OPERATOR_KEY: anvilKey(0),
    CARBONMARK_GAS_KEY: anvilKey(1),
    APP_URL: webs[0],
    NEXTAUTH_URL: webs[0],
    ICR_API_URL: `${webs[0]}/icr/api`,
    ICR_WEB_URL: `${webs[0]}/icr`,
    ICR_APP_ID: DEV_APP_ID,
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    METRICS_TOKEN: randomBytes(18).toString("base64url"),
  };
  log(`PostgreSQL ${pg.url("carbonmark")} (external server), anvil ${anvil.url}`);
  npmRunSync("migrate", env, root);
  npmRunSync("seed", env, root);
  log("migrated and seeded");
  ports.forEach((port, i) =>
    procs.push(npmRun("start:web", { ...env, PORT: String(port) }, `web-${"AB"[i]}`, root, logDir)),
  );
  for (const name of ["worker-1", "worker-2"]) procs.push(npmRun("start:worker", env, name, root, logDir));
  // Healthy means database, chain, migrations AND the workers' heartbeats, through each instance.
  for (const base of webs) {
    await waitFor(`${base}/api/health answering 200 with both workers beating`, 180_000, async () => {
      const res = await fetch(`${base}/api/health`, { headers: operator() });
      const body = (await res.json()) as { checks: { workers: { detail: string } } };
      if (res.status === 200 && body.checks.workers.detail.startsWith("2 workers alive")) return true;
      throw new Error(`answered ${res.status}: ${JSON.stringify(body.checks)}`);
    });
  }
  log(`two web instances (${webs.join(", ")}) and two workers are up`);
  // The test process reads and arranges data on the same database (as an operator's script would).
  Object.assign(process.env, env);
}

afterAll(async () => {
  for (const p of procs) killGroup(p, "SIGKILL");
  const g = globalThis as unknown as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect().catch(() => undefined);
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss({ graceful: false, timeout: 1000 }).catch(() => undefined);
  await anvil?.stop();
  pg?.stop();
  rmSync(logDir, { recursive: true, force: true });
  log(`run time ${secondsSince(started)} s (everything stopped)`);
}, 60_000);

type TWebhookJob = { id: string; state: string; body: string };
const context: {
  orgId: string;
  requestIds: string[];
  token: string;
  tokenAddress: string;
  tokenId: bigint;
  dest: string;
} = {} as never;

it(`${N} transfers requested and accepted through two web instances, one of two workers SIGKILLed midway: each processed exactly once on chain`, async () => {
  onTestFailed(printTails);
  const { prisma } = await import("@/lib/db");
  const { installApp } = await import("@/lib/registry/apps/install-app");
  const { createInstallationToken } = await import("@/lib/registry/apps/create-installation-token");
  const { creditContract } = await import("@/lib/registry/projects");
  const { Wallet } = await import("ethers");

  const org = await prisma.icrOrganization.findFirstOrThrow({
    where: { fullName: "Verdant Forest Holdings" },
    include: { addresses: true },
  });
  const admin = await prisma.icrUser.findUniqueOrThrow({ where: { email: "admin@verdant.test" } });
  const credit = await prisma.icrCredit.findFirstOrThrow({ where: { project: { num: "354" }, tokenId: "1" } });
  const { installation } = await installApp({ appId: DEV_APP_ID, organizationId: org.id, userId: admin.id });
  const { token } = await createInstallationToken({ appId: DEV_APP_ID, installationId: installation.id });
  // The admin's browser session (the cookie the sign-in form would set).
  const session = randomBytes(32).toString("base64url");
  await prisma.icrSession.create({
    data: { id: session, userId: admin.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  const acceptId = serverActionId("acceptRequestAction", "organizations/[id]/inventory/actions");
  const dest = Wallet.createRandom().address;
  const from = org.addresses.find((a) => a.isDefault)!.address;
  const contract = creditContract(credit.tokenAddress);
  const fromBefore = (await contract.balanceOf(from, BigInt(credit.tokenId))) as bigint;
  Object.assign(context, {
    orgId: org.id,
    token,
    tokenAddress: credit.tokenAddress,
    tokenId: BigInt(credit.tokenId),
    dest,
  });

  // Create: alternate the instances, as a load balancer would.
  const t0 = Date.now();
  const ids: string[] = new Array(N);
  await pool([...Array(N).keys()], 6, async (i) => {
    const res = await fetch(`${webs[i % 2]}/icr/api/organizations/${org.id}/inventory/action/transfer`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "x-icr-api-version": "2023-06-16",
        "content-type": "application/json",
      },
      body: JSON.stringify({ creditId: credit.id, amount: AMOUNT, toAddress: dest }),
    });
    const body = (await res.json()) as { id: string; state: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.state).toBe("pending_request");
    ids[i] = body.id;
  });
  context.requestIds = ids;
  log(`${N} requests created through both instances in ${secondsSince(t0)} s`);

  // Accept: the server action exactly as the inventory page's client code posts it (Next-Action id
  // from the build, the arguments as a JSON array, the session cookie, a same-origin Origin).
  const accept = async (requestId: string, i: number) => {
    const base = webs[(i + 1) % 2];
    const res = await fetch(`${base}/icr/organizations/${org.id}/inventory`, {
      method: "POST",
      headers: {
        "next-action": acceptId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: base,
        cookie: `icr_session=${session}`,
      },
      body: JSON.stringify([{ requestId }]),
    });
    const text = await res.text();
    if (res.status !== 200 || !text.includes(`"requestId":"${requestId}","state":"pending_queue"`))
      throw new Error(`accept through ${base} answered ${res.status}: ${text.slice(0, 300)}`);
  };
  const t1 = Date.now();
  const half = N / 2;
  await pool(ids.slice(0, half), 6, (id, i) => accept(id, i));
  // Kill a worker while requests are being processed: wait until the workers are at it, then SIGKILL.
  const inFlight = await waitFor("processing under way", 60_000, async () => {
    const n = await prisma.icrCreditRequest.count({
      where: { id: { in: ids }, state: { in: ["pending_onchain", "processed"] } },
    });
    return n > 0 ? n : undefined;
  });
  killGroup(
    procs.find((p) => p.name === "worker-1")!,
    "SIGKILL",
  );
  log(`worker-1 SIGKILLed with ${inFlight} of ${half} accepted requests on chain or processed`);
  await pool(ids.slice(half), 6, (id, i) => accept(id, half + i));
  log(`${N} requests accepted through both instances in ${secondsSince(t1)} s`);

  // The surviving worker finishes everything, including what the killed one had claimed.
  await waitFor(`all ${N} requests processed`, 420_000, async () => {
    const done = await prisma.icrCreditRequest.count({
      where: { id: { in: ids }, state: { in: ["processed", "failed"] } },
    });
    return done === N ? true : undefined;
  });
  log(`all ${N} processed ${secondsSince(t1)} s after the first accept`);

  const rows = await prisma.icrCreditRequest.findMany({
    where: { id: { in: ids } },
    select: { state: true, txId: true, batchIndex: true },
  });
  expect(rows.filter((r) => r.state === "processed")).toHaveLength(N);
  // Each request moved by its own transaction, or by its own move of a batch: N distinct (tx, index).
  expect(new Set(rows.map((r) => `${r.txId}:${r.batchIndex}`)).size).toBe(N);
  const txIds = new Set(rows.map((r) => r.txId));

  // Exactly one transfer per request on chain: N TransferSingle events to the destination, in
  // exactly the requests' transactions (batches carry several), and the balances moved by N × amount, no more.
  const { provider } = await import("@/lib/chain/provider");
  const { zeroPadValue, id: topicOf, parseUnits } = await import("ethers");
  const logs = await provider().getLogs({
    address: credit.tokenAddress,
    fromBlock: 0,
    toBlock: "latest",
    topics: [topicOf("TransferSingle(address,address,address,uint256,uint256)"), null, null, zeroPadValue(dest, 32)],
  });
  expect(logs).toHaveLength(N);
  expect(new Set(logs.map((l) => l.transactionHash))).toEqual(txIds);
  const moved = parseUnits(AMOUNT, 18) * BigInt(N);
  expect(await contract.balanceOf(dest, context.tokenId)).toBe(moved);
  expect(fromBefore - ((await contract.balanceOf(from, context.tokenId)) as bigint)).toBe(moved);
}, 900_000);

it("every webhook is delivered, and recorded once by Carbonmark's receiver (deduped by delivery id)", async () => {
  onTestFailed(printTails);
  const { prisma } = await import("@/lib/db");
  // Finished webhook jobs may already be archived by pg-boss: read both tables.
  const jobs = () => prisma.$queryRaw<TWebhookJob[]>`
    SELECT id::text, state::text, data->>'body' AS body FROM pgboss.job WHERE name = 'icr-webhook'
    UNION ALL SELECT id::text, state::text, data->>'body' AS body FROM pgboss.archive WHERE name = 'icr-webhook'`;
  const all = await waitFor("every webhook job completed", 180_000, async () => {
    const js = await jobs();
    return js.length > 0 && js.every((j) => j.state === "completed") ? js : undefined;
  });
  const received = await prisma.cmWebhookDelivery.findMany({ select: { deliveryId: true } });
  expect(received.map((r) => r.deliveryId).sort()).toEqual(all.map((j) => j.id).sort());

  // Each request told Carbonmark about each of its states: requested, accepted, processed.
  const seen = new Map<string, Set<string>>();
  for (const j of all) {
    const b = JSON.parse(j.body) as { event: string; transaction?: { id: string; state: string } };
    if (b.event !== "organizationTransaction" || !b.transaction) continue;
    if (!seen.has(b.transaction.id)) seen.set(b.transaction.id, new Set());
    seen.get(b.transaction.id)!.add(b.transaction.state);
  }
  const missing = context.requestIds.filter(
    (id) => !["pending_request", "pending_queue", "processed"].every((s) => seen.get(id)?.has(s)),
  );
  expect(missing, `requests missing a webhook: ${missing.slice(0, 5).join(", ")}`).toEqual([]);
}, 240_000);

it("both web instances show the same state of every request and of the inventory", async () => {
  onTestFailed(printTails);
  const headers = { authorization: `Bearer ${context.token}`, "x-icr-api-version": "2023-06-16" };
  const view = async (base: string) => {
    const items: { id: string; state: string; txId?: string }[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await fetch(
        `${base}/icr/api/organizations/${context.orgId}/inventory/requests?limit=100&page=${page}`,
        { headers },
      );
      expect(res.status).toBe(200);
      items.push(...((await res.json()) as { items: typeof items }).items);
    }
    const inventory = await (
      await fetch(`${base}/icr/api/organizations/${context.orgId}/inventory`, { headers })
    ).json();
    return {
      requests: items
        .filter((r) => context.requestIds.includes(r.id))
        .map((r) => `${r.id} ${r.state} ${r.txId}`)
        .sort(),
      inventory,
    };
  };
  // Inventory reads are a snapshot at most 1 s old per instance (docs/operations.md): allow it to settle.
  const [a, b] = await waitFor("both instances agreeing", 15_000, async () => {
    const pair = [await view(webs[0]), await view(webs[1])];
    return JSON.stringify(pair[0]) === JSON.stringify(pair[1]) ? pair : undefined;
  }).catch(async () => [await view(webs[0]), await view(webs[1])]);
  expect(a.requests).toHaveLength(N);
  expect(a.requests.every((r) => / processed 0x[0-9a-f]{64}$/.test(r))).toBe(true);
  expect(b).toEqual(a);
});

it("an operator's scrape of either instance reports the same request counts, from the shared database", async () => {
  const scrape = async (base: string) => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const [a, b] = [await scrape(webs[0]), await scrape(webs[1])];
  for (const text of [a, b]) {
    expect(text).toContain(`icr_credit_requests{state="processed",action="transfer"} ${N}`);
    expect(text).toContain(`icr_request_processing_seconds_count ${N}`);
    expect(text).toContain('pgboss_queue_depth{queue="icr-process-request"} 0');
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/icr\/api\/organizations\/\[id\]\/inventory\/action\/\[action\]",status="200"\} \d+$/m,
    );
  }
  console.log(
    `[scale] /metrics of instance A after the run:\n${a
      .split("\n")
      .filter((l) => !/^(# (HELP|TYPE) )?(process_|nodejs_)/.test(l))
      .join("\n")}`,
  );
  expect((await fetch(`${webs[1]}/metrics`)).status).toBe(401);
});

it("with one worker killed, /api/health still answers 200 on both instances (one worker alive)", async () => {
  // The killed worker's last beat counts until it is 30 s old.
  for (const base of webs) {
    const detail = await waitFor(`${base} reporting one worker`, 45_000, async () => {
      const res = await fetch(`${base}/api/health`, { headers: operator() });
      const body = (await res.json()) as { checks: { workers: { detail: string } } };
      return res.status === 200 && body.checks.workers.detail.startsWith("1 worker alive")
        ? body.checks.workers.detail
        : undefined;
    });
    expect(detail).toMatch(/^1 worker alive, last beat \d+\.\d s ago$/);
  }
}, 60_000);
