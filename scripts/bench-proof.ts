// Proof and public-list figures for `npm run bench` (docs/proof.md): the public proof page of a
// final retirement beside a trivial page of the same layout (and, for reference, a JSON route), and
// ICR's public retirement list at 100,000 retirements beside the same list at 100 (keyset pages and a
// filtered page with its totals: the ratio must stay ≤ 1.5).
import type { TSection } from "./bench.ts";
import { benchOrgWithCredits, pct } from "./lib/bench-stats.ts";

const RUNS = 60;
const MAX_RATIO = 1.5;

async function timed(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t;
}

async function sequential(url: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(url));
  return times;
}

/** `runs` rounds of one request to each URL in turn: a load swing on a shared machine hits all alike. */
async function interleaved(urls: string[], runs: number): Promise<number[][]> {
  const times = urls.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (const [j, url] of urls.entries()) times[j]!.push(await timed(url));
  return times;
}

/** A final retirement made through a retire request (claimed as it is recorded); its id and credit. */
async function finalRetirement() {
  const { createRequest } = await import("../lib/registry/requests/create-request.ts");
  const { acceptRequest } = await import("../lib/registry/requests/accept-request.ts");
  const { processRequest } = await import("../lib/registry/requests/process-request.ts");
  const { prisma } = await import("../lib/db.ts");
  const { org, credit, admin } = await benchOrgWithCredits(`p${Date.now().toString(36)}`);
  const request = await createRequest({
    organizationId: org.id,
    action: "retire",
    input: { creditId: credit.id, amount: "1.5", beneficiaryName: "Bench Bakery", retirementReason: "Bench" },
  });
  await acceptRequest({ requestId: request.id, userId: admin.id });
  if ((await processRequest(request.id)) !== "processed") throw new Error("the bench retirement failed");
  const { retirementId } = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: request.id } });
  return { retirementId: retirementId!, credit };
}

/** Adds retirements (unclaimed every third, beneficiaries from a pool of 500) until there are `total`. */
async function seedRetirements(total: number, credit: { id: string; projectId: string; tokenAddress: string }) {
  const { prisma } = await import("../lib/db.ts");
  const have = await prisma.icrRetirement.count();
  if (have >= total) return;
  await prisma.$executeRaw`
    INSERT INTO icr_retirement (id, "txId", "logIndex", "retireeAddress", "creditId", "tokenAddress", "tokenId",
      serialization, vintage, amount, "projectId", "isClaimed", beneficiary, reason, "createdAt", "claimedAt")
    SELECT gen_random_uuid(), '0x' || md5('bench' || i) || md5('tx' || i), 0,
      '0x000000000000000000000000000000000000bEEF', ${credit.id}, ${credit.tokenAddress}, '1',
      'ICR-BENCH-' || i, (2015 + i % 10)::text, (1 + i % 7)::numeric, ${credit.projectId}::uuid,
      i % 3 <> 0, CASE WHEN i % 3 <> 0 THEN 'Bench Company ' || (i % 500) END, 'Bench',
      now() - (i || ' seconds')::interval, CASE WHEN i % 3 <> 0 THEN now() END
    FROM generate_series(${have + 1}::int, ${total}::int) AS i`;
  await prisma.$executeRaw`ANALYZE icr_retirement`;
}

export const proofSections: TSection[] = [
  {
    name: "proof-page",
    needsHttp: true,
    run: async ({ baseUrl }) => {
      const { retirementId } = await finalRetirement();
      const proof = `${baseUrl}/icr/retirements/${retirementId}/proof`;
      // The baseline is a page: a trivial page of the same layout (ICR's header, one card, no data)
      // costs what any page render costs here, which a JSON route does not (shown for reference).
      const trivialPage = `${baseUrl}/icr/forgot-password`;
      const json = `${baseUrl}/icr/api/openapi.json`;
      const page = await (await fetch(proof)).text();
      if (!page.includes('data-verdict="verified"')) throw new Error("the bench retirement's proof is not Verified");
      await interleaved([proof, trivialPage, json], 5);
      const [a, b, c] = await interleaved([proof, trivialPage, json], RUNS);
      return [50, 95].flatMap((p) => [
        {
          figure: `GET /icr/retirements/{id}/proof p${p} (final retirement, Verified)`,
          value: pct(a!, p),
          unit: "ms",
          baseline: `trivial page of the same layout (GET /icr/forgot-password) p${p}`,
          baselineValue: pct(b!, p),
          failed: pct(a!, p) / pct(b!, p) > MAX_RATIO,
          note: `must be ≤ ${MAX_RATIO}× the trivial page (same runs, interleaved)`,
        },
        {
          figure: `GET /icr/retirements/{id}/proof p${p}, beside a JSON route`,
          value: pct(a!, p),
          unit: "ms",
          baseline: `trivial JSON route (GET /icr/api/openapi.json) p${p}`,
          baselineValue: pct(c!, p),
          note: `reference: a page render against a route that renders no page (the trivial page: ${(pct(b!, p) / pct(c!, p)).toFixed(2)}×)`,
        },
      ]);
    },
  },
  {
    name: "public-list",
    needsHttp: true,
    run: async ({ baseUrl }) => {
      const { prisma } = await import("../lib/db.ts");
      const { credit } = await finalRetirement();
      const list = `${baseUrl}/icr/retirements`;
      const measure = async () => {
        await sequential(list, 5);
        const first = await sequential(list, RUNS);
        // a deep page: the keyset cursor of a row far down the list
        const deep = await prisma.icrRetirement.findFirstOrThrow({
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: Math.floor((await prisma.icrRetirement.count()) * 0.9),
        });
        const after = `${deep.createdAt.toISOString()}_${deep.id}`;
        const older = await sequential(`${list}?after=${encodeURIComponent(after)}`, RUNS);
        // a filtered page: its totals per beneficiary sum every matching retirement
        const filtered = await sequential(`${list}?vintage=2019`, RUNS);
        return [...first, ...older, ...filtered];
      };
      await seedRetirements(100, credit);
      const small = await measure();
      await seedRetirements(100_000, credit);
      const large = await measure();
      const ratio = pct(large, 95) / pct(small, 95);
      return [
        {
          figure: "GET /icr/retirements p95 at 100,000 retirements (first, a deep and a filtered page with totals)",
          value: pct(large, 95),
          unit: "ms",
          baseline: "same pages at 100 retirements p95",
          baselineValue: pct(small, 95),
          failed: ratio > MAX_RATIO,
          note: `must be ≤ ${MAX_RATIO}× the list at 100`,
        },
      ];
    },
  },
];
