// Move batches in `npm run bench`: credits moved per second with 200 and with 2,000 requests
// accepted at once (all queued before the workers start, each to its own fresh address), beside the
// same run's raw one-sender transfer rate; gas per credit moved, `moveBatch` against one
// `safeTransferFrom` per transaction, both measured on the chain in this run; and on the Polygon
// profile, credits moved per block.
//
// Fair and stable on a busy machine: the raw baseline is the median of samples taken before and
// after every measured run (the machine's pace drifts while the bench runs), and the 2,000 figure
// is the median of RUNS_2000 runs. A run's clock starts when the request queue's workers start
// (pg-boss already running and the queues created: a worker process's one-off start) and stops
// when every request is processed or failed. Each run prints its phases: workers started, first job taken,
// first transaction stored, every request sent, every request settled, every job completed.
import type { TRow, TSection } from "./bench.ts";
import { benchOrgWithCredits } from "./lib/bench-stats.ts";
import { rawOneSenderRate } from "./lib/raw-transfers.ts";

/** The 2,000 figure must reach this multiple of the raw one-sender rate. */
const MIN_RATIO = 5;
const SINGLES = 20;
const RUNS_2000 = Number(process.env.BENCH_MOVE_RUNS ?? 3);
/** Requests accepted at once on the Polygon profile (two full batches). */
const POLYGON_N = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `fn` over `items`, `width` at a time. */
async function pooled<T>(items: T[], width: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

type TPhases = {
  /** ms from calling startJobs to each moment. */
  ready: number;
  firstTaken: number;
  firstStored: number;
  allSent: number;
  settled: number;
  jobsDone: number;
};

/** `n` transfers of 0.001 from the bench organization, each to a fresh address, accepted while no worker runs. */
async function acceptedWhileIdle(n: number, ctx: Awaited<ReturnType<typeof benchOrgWithCredits>>): Promise<string[]> {
  const { Wallet } = await import("ethers");
  const { stopBoss } = await import("../lib/jobs/boss.ts");
  const { createRequest } = await import("../lib/registry/requests/create-request.ts");
  const { acceptRequest } = await import("../lib/registry/requests/accept-request.ts");
  await stopBoss();
  const ids: string[] = [];
  await pooled([...Array(n).keys()], 6, async () => {
    const r = await createRequest({
      organizationId: ctx.org.id,
      action: "transfer",
      input: { creditId: ctx.credit.id, amount: "0.001", toAddress: Wallet.createRandom().address },
    });
    ids.push(r.id);
  });
  // Setting up, not measured: a few at a time, each retried once (a busy machine times out transactions).
  await pooled(ids, 6, (id) =>
    acceptRequest({ requestId: id, userId: ctx.admin.id }).catch(() =>
      acceptRequest({ requestId: id, userId: ctx.admin.id }),
    ),
  );
  return ids;
}

/** Starts this process's workers on `ids` (accepted while none ran) and follows them to the end; the phases. */
async function processWithPhases(ids: string[]): Promise<TPhases> {
  const { prisma } = await import("../lib/db.ts");
  const { startJobs } = await import("../lib/jobs/start-jobs.ts");
  const { APP_QUEUES } = await import("../lib/worker/queues.ts");
  const { PROCESS_REQUEST_QUEUE } = await import("../lib/registry/requests/request-queue.ts");
  const { workQueue } = await import("../lib/jobs/start-jobs.ts");
  const { processRequestQueue } = await import("../lib/registry/requests/request-queue.ts");
  const n = ids.length;
  // pg-boss started and every queue in place first (a worker process's one-off start), then the clock:
  // the request queue's workers, then the others, as a worker process runs them.
  const b = await startJobs({ queues: APP_QUEUES, work: false });
  const t0 = performance.now();
  const at = () => performance.now() - t0;
  const p: TPhases = { ready: 0, firstTaken: 0, firstStored: 0, allSent: 0, settled: 0, jobsDone: 0 };
  const follow = (async () => {
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline && !(p.settled && p.jobsDone)) {
      const [row] = await prisma.$queryRaw<{ queued: bigint; settled: bigint; active: bigint; done: bigint }[]>`
        SELECT
          (SELECT count(*) FROM "icr_credit_request" WHERE "id" = ANY(${ids}::uuid[]) AND "state" = 'pending_queue') AS queued,
          (SELECT count(*) FROM "icr_credit_request" WHERE "id" = ANY(${ids}::uuid[]) AND "state" IN ('processed', 'failed')) AS settled,
          (SELECT count(*) FROM "pgboss"."job" WHERE "name" = ${PROCESS_REQUEST_QUEUE} AND "id" = ANY(${ids}::uuid[]) AND "state" <> 'created') AS active,
          (SELECT count(*) FROM "pgboss"."job" WHERE "name" = ${PROCESS_REQUEST_QUEUE} AND "id" = ANY(${ids}::uuid[]) AND "state" = 'completed') AS done`;
      const now = at();
      if (!p.firstTaken && row.active > 0n) p.firstTaken = now;
      if (!p.firstStored && row.queued < BigInt(n)) p.firstStored = now;
      if (!p.allSent && row.queued === 0n) p.allSent = now;
      if (!p.settled && row.settled === BigInt(n)) p.settled = now;
      if (!p.jobsDone && row.done === BigInt(n)) p.jobsDone = now;
      await sleep(20);
    }
  })();
  // The request queue's workers first, then the others, as a worker process runs them.
  await workQueue(b, processRequestQueue);
  await startJobs({ queues: APP_QUEUES.filter((q) => q.name !== PROCESS_REQUEST_QUEUE), work: true });
  p.ready = at();
  await follow;
  return p;
}

const phaseNote = (p: TPhases) =>
  `phases (ms after starting the request queue's workers; pg-boss and the queues were up): all queues working ${p.ready.toFixed(0)}, first job taken ${p.firstTaken.toFixed(0)}, ` +
  `first transaction stored ${p.firstStored.toFixed(0)}, all sent ${p.allSent.toFixed(0)}, all settled ${p.settled.toFixed(0)}, ` +
  `all jobs completed ${p.jobsDone.toFixed(0)}`;

/** Gas of one `safeTransferFrom` per transaction, each to a fresh address (logged, as every operator transaction). */
async function singleTransferGas(from: string, tokenAddress: string, count: number): Promise<number> {
  const { Interface, Wallet } = await import("ethers");
  const { CARBON_CREDIT_ABI } = await import("../lib/chain/carbon-credit.ts");
  const { sendAsOperator } = await import("../lib/chain/operator.ts");
  const iface = new Interface(CARBON_CREDIT_ABI);
  let gas = 0n;
  for (let i = 0; i < count; i++) {
    const data = iface.encodeFunctionData("safeTransferFrom", [
      from,
      Wallet.createRandom().address,
      1n,
      10n ** 15n,
      "0x",
    ]);
    gas += (await sendAsOperator({ to: tokenAddress, data }, "bench-single-transfer")).gasUsed;
  }
  return Number(gas) / count;
}

export const batchSections: TSection[] = [
  {
    name: "move-batches",
    ownStack: true,
    run: async () => {
      const { prisma } = await import("../lib/db.ts");
      const { provider } = await import("../lib/chain/provider.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const { creditContract } = await import("../lib/registry/projects.ts");

      const raw: number[] = [];
      const sampleRaw = async () => raw.push(await rawOneSenderRate(200));
      const ctx = await benchOrgWithCredits(`mb${Date.now().toString(36)}`);
      const from = ctx.org.addresses[0].address;
      const held = async () => (await creditContract(ctx.credit.tokenAddress).balanceOf(from, 1n)) as bigint;

      /** `n` requests accepted while no worker runs, then the workers started: the rate and what happened. */
      const run = async (n: number) => {
        const ids = await acceptedWhileIdle(n, ctx);
        const before = await held();
        await sampleRaw(); // right before the workers start, on an idle chain
        const phases = await processWithPhases(ids);
        await stopBoss();
        await sampleRaw();
        const processed = await prisma.icrCreditRequest.findMany({
          where: { id: { in: ids }, state: "processed" },
          select: { txId: true, batchIndex: true },
        });
        const txs = [...new Set(processed.map((p) => p.txId!))];
        const moves = new Set(processed.map((p) => `${p.txId}:${p.batchIndex}`)).size;
        const balanceOk = before - (await held()) === BigInt(processed.length) * 10n ** 15n;
        const receipts = await Promise.all(txs.map((h) => provider().getTransactionReceipt(h)));
        const gas = receipts.reduce((sum, r) => sum + (r?.gasUsed ?? 0n), 0n);
        const ok = processed.length === n && moves === n && balanceOk;
        return {
          ok,
          rate: phases.settled ? processed.length / (phases.settled / 1000) : 0,
          gasPerMove: Number(gas) / Math.max(1, processed.length),
          phases,
          note: `${processed.length}/${n} processed in ${txs.length} transactions, lost ${n - processed.length}, duplicated ${moves !== processed.length || !balanceOk ? "YES" : 0}, chain balance ${balanceOk ? "matches" : "MISMATCH"}`,
        };
      };
      await sampleRaw();
      const r200 = await run(200);
      const r2000s = [];
      for (let i = 0; i < RUNS_2000; i++) r2000s.push(await run(2_000));
      const rate2000 = median(r2000s.map((r) => r.rate));
      const mid = r2000s.find((r) => r.rate === rate2000) ?? r2000s[0];
      const rawPerSec = median(raw);
      const perSingle = await singleTransferGas(from, ctx.credit.tokenAddress, SINGLES);
      const rawNote = `baseline: median of ${raw.length} samples of 200 raw transfers taken around the runs (${raw.map((x) => x.toFixed(0)).join(", ")} /s)`;

      const rows: TRow[] = [
        {
          figure: "credits moved/s, 200 accepted at once (move batches)",
          value: r200.rate,
          unit: "/s",
          baseline: "raw one-sender transfers/s (median)",
          baselineValue: rawPerSec,
          note: `${r200.note}; ${phaseNote(r200.phases)}`,
          failed: !r200.ok,
        },
        {
          figure: `credits moved/s, 2,000 accepted at once (move batches, median of ${r2000s.length})`,
          value: rate2000,
          unit: "/s",
          baseline: "raw one-sender transfers/s (median)",
          baselineValue: rawPerSec,
          note:
            `runs: ${r2000s.map((r) => `${r.rate.toFixed(0)} /s`).join(", ")}; ` +
            `${r2000s.map((r) => r.note).join("; ")}; median run's ${phaseNote(mid.phases)}; ${rawNote}; must be ≥ ${MIN_RATIO}× the baseline`,
          failed: rate2000 < MIN_RATIO * rawPerSec || r2000s.some((r) => !r.ok),
        },
        {
          figure: "gas per credit moved, moveBatch (2,000 runs)",
          value: median(r2000s.map((r) => r.gasPerMove)),
          unit: "gas",
          baseline: "one safeTransferFrom per transaction",
          baselineValue: perSingle,
          note: `each move to a fresh address; ${SINGLES} single transfers measured; 200 run: ${r200.gasPerMove.toFixed(0)} gas per move`,
        },
      ];
      return rows;
    },
  },
  {
    // Credits per block on the Polygon profile (2 s blocks): POLYGON_N requests accepted while no
    // worker runs, then the workers started. The figure counts the blocks from the one that was
    // the head when the workers started to the one that mined the last move (so the pipeline's own
    // latency counts against it). The baseline is what the same blocks would hold moving one credit
    // per `safeTransferFrom` transaction for the same gas (the gas the batches used, divided by one
    // single transfer's gas, measured here); with blocks full, both scale with the block gas limit.
    name: "move-batches-polygon",
    profile: "polygon",
    run: async () => {
      const { prisma } = await import("../lib/db.ts");
      const { provider } = await import("../lib/chain/provider.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const ctx = await benchOrgWithCredits(`mbp${Date.now().toString(36)}`);
      const ids = await acceptedWhileIdle(POLYGON_N, ctx);
      const startBlock = await provider().getBlockNumber();
      const phases = await processWithPhases(ids);
      await stopBoss();
      const processed = await prisma.icrCreditRequest.findMany({
        where: { id: { in: ids }, state: "processed" },
        select: { txId: true },
      });
      const txs = [...new Set(processed.map((p) => p.txId!))];
      const receipts = (await Promise.all(txs.map((h) => provider().getTransactionReceipt(h)))).filter((r) => !!r);
      const blocks = receipts.map((r) => r.blockNumber);
      const lastBlock = Math.max(...blocks);
      const spanned = Math.max(1, lastBlock - startBlock);
      const gas = receipts.reduce((sum, r) => sum + r.gasUsed, 0n);
      const gasLimit = (await provider().getBlock(lastBlock))?.gasLimit ?? 0n;
      const perSingle = await singleTransferGas(ctx.org.addresses[0].address, ctx.credit.tokenAddress, 3);
      const perMove = Number(gas) / Math.max(1, processed.length);
      return [
        {
          figure: `Polygon profile: credits moved per block, ${POLYGON_N} accepted at once (move batches)`,
          value: processed.length / spanned,
          unit: "/block",
          baseline: "one safeTransferFrom per transaction, same blocks, same gas",
          baselineValue: Number(gas) / perSingle / spanned,
          note:
            `${processed.length}/${POLYGON_N} processed in ${txs.length} transactions, mined in blocks ${[...new Set(blocks)].sort((a, b) => a - b).join(", ")}; ` +
            `${spanned} blocks from the head when the workers started (${startBlock}) to the last move's; ` +
            `${perMove.toFixed(0)} gas per move vs ${perSingle.toFixed(0)} per single transfer; a full block (${gasLimit} gas) holds ` +
            `${(Number(gasLimit) / perMove).toFixed(0)} batched moves vs ${(Number(gasLimit) / perSingle).toFixed(0)} single transfers; ` +
            `settled (final) ${(phases.settled / 1000).toFixed(1)} s after starting the workers`,
          failed: processed.length !== POLYGON_N,
        },
      ];
    },
  },
];
