// Certificate figures for `npm run bench`: a page's latency while 8 clients download a retirement
// certificate as fast as they can, beside the same page with no downloads (the ratio is the cost the
// downloads put on everyone else's pages), and beside the page while 8 clients hammer a trivial route
// (what any 8 busy clients cost, certificates or not).
import type { TSection } from "./bench.ts";
import { benchOrgWithCredits, pct } from "./lib/bench-stats.ts";

const DOWNLOADERS = 8;
const PAGE_RUNS = 40;

/** `runs` sequential GETs of `url`; each answer's latency in ms. */
async function sequential(url: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  return times;
}

export const certificateSections: TSection[] = [
  {
    name: "certificate-downloads",
    needsHttp: true,
    run: async ({ baseUrl }) => {
      const { createRequest } = await import("../lib/registry/requests/create-request.ts");
      const { acceptRequest } = await import("../lib/registry/requests/accept-request.ts");
      const { processRequest } = await import("../lib/registry/requests/process-request.ts");
      const { prisma } = await import("../lib/db.ts");

      // A final retirement (a retire request accepted and mined: claimed as it is recorded).
      const { org, credit, admin } = await benchOrgWithCredits(`c${Date.now().toString(36)}`);
      const request = await createRequest({
        organizationId: org.id,
        action: "retire",
        input: { creditId: credit.id, amount: "1.5", beneficiaryName: "Bench Bakery", retirementReason: "Bench" },
      });
      await acceptRequest({ requestId: request.id, userId: admin.id });
      if ((await processRequest(request.id)) !== "processed") throw new Error("the bench retirement failed");
      const { retirementId } = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: request.id } });
      const certificate = `${baseUrl}/icr/retirements/${retirementId}/certificate`;
      const page = `${baseUrl}/icr/retirements`;

      // Warm up both routes (code paths compiled, the certificate stored where it is stored).
      await sequential(certificate, 3);
      await sequential(page, 5);
      const idle = await sequential(page, PAGE_RUNS);

      /** The page's latencies while DOWNLOADERS clients GET `url` back to back; with what they got. */
      async function pageUnderLoad(url: string) {
        let stop = false;
        let served = 0;
        let refused = 0;
        const started = performance.now();
        const clients = Array.from({ length: DOWNLOADERS }, async () => {
          while (!stop) {
            const res = await fetch(url);
            await res.arrayBuffer();
            if (res.status === 200) served++;
            else refused++;
          }
        });
        await new Promise((r) => setTimeout(r, 200)); // the clients are under way
        const times = await sequential(page, PAGE_RUNS);
        stop = true;
        await Promise.all(clients);
        return { times, served, refused, perSec: served / ((performance.now() - started) / 1000) };
      }
      const loaded = await pageUnderLoad(certificate);
      // The same load of a trivial route: what any 8 busy clients cost the page, certificates or not.
      const trivial = await pageUnderLoad(`${baseUrl}/icr/api/openapi.json`);
      const note = `${loaded.served} certificates served (${loaded.perSec.toFixed(0)}/s), ${loaded.refused} refused`;
      return [
        {
          figure: `GET /icr/retirements p50 during ${DOWNLOADERS} parallel certificate downloads`,
          value: pct(loaded.times, 50),
          unit: "ms",
          baseline: "same page p50, no downloads",
          baselineValue: pct(idle, 50),
          note,
        },
        {
          figure: `GET /icr/retirements p95 during ${DOWNLOADERS} parallel certificate downloads`,
          value: pct(loaded.times, 95),
          unit: "ms",
          baseline: "same page p95, no downloads",
          baselineValue: pct(idle, 95),
        },
        {
          figure: `GET /icr/retirements p50 during ${DOWNLOADERS} parallel certificate downloads`,
          value: pct(loaded.times, 50),
          unit: "ms",
          baseline: `same page p50 during ${DOWNLOADERS} parallel GETs of a trivial route`,
          baselineValue: pct(trivial.times, 50),
          note: `trivial route served ${trivial.perSec.toFixed(0)}/s`,
        },
      ];
    },
  },
];
