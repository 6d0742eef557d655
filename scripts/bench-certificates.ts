// Certificate figures for `npm run bench`: a page's latency while 8 clients download a retirement
// certificate as fast as they can, beside the same page with no downloads (the ratio is the cost the
// downloads put on everyone else's pages).
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

      let stop = false;
      let served = 0;
      let refused = 0;
      const started = performance.now();
      const downloaders = Array.from({ length: DOWNLOADERS }, async () => {
        while (!stop) {
          const res = await fetch(certificate);
          await res.arrayBuffer();
          if (res.status === 200) served++;
          else refused++;
        }
      });
      await new Promise((r) => setTimeout(r, 200)); // the downloads are under way
      const loaded = await sequential(page, PAGE_RUNS);
      stop = true;
      await Promise.all(downloaders);
      const seconds = (performance.now() - started) / 1000;
      const note = `${served} certificates served (${(served / seconds).toFixed(0)}/s), ${refused} refused`;
      return [
        {
          figure: `GET /icr/retirements p50 during ${DOWNLOADERS} parallel certificate downloads`,
          value: pct(loaded, 50),
          unit: "ms",
          baseline: "same page p50, no downloads",
          baselineValue: pct(idle, 50),
          note,
        },
        {
          figure: `GET /icr/retirements p95 during ${DOWNLOADERS} parallel certificate downloads`,
          value: pct(loaded, 95),
          unit: "ms",
          baseline: "same page p95, no downloads",
          baselineValue: pct(idle, 95),
        },
      ];
    },
  },
];
