// Carbonmark figures for `npm run bench`: the time from an ICR admin's Accept to the credits being
// visible to a portfolio client that polls like the page does, and the first-load JS of /portfolio.
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { TRow, TSection } from "./bench.ts";
import { firstLoadJsBytes } from "./lib/first-load-js.ts";

const RUNS = 20;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error("bench sign-in failed");
  return [...cookies, session].join("; ");
}

/** `clients` loopback clients each GETting `url` `perClient` times; every answer's latency in ms. */
async function latencies(url: string, headers: Record<string, string>, clients: number, perClient: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        times.push(performance.now() - t);
      }
    }),
  );
  return times;
}

export const carbonmarkSections: TSection[] = [
  {
    name: "carbonmark-portfolio-history",
    needsHttp: true,
    run: async ({ baseUrl }) => {
      const { provider } = await import("../lib/chain/provider.ts");
      const { ensureCmUser } = await import("../lib/seed/carbonmark-factories.ts");
      const { ensureIssuance, ensureProject } = await import("../lib/seed/registry-factories.ts");
      const { indexHoldings } = await import("../lib/carbonmark/portfolio/index-holdings.ts");
      const email = `bench-h-${randomUUID().slice(0, 8)}@carbonmark.test`;
      const user = await ensureCmUser({ email, name: "Bench", password: "bench-password-1", pin: "123456" });
      const project = await ensureProject({ num: `bench-h-${email}`, fullName: "Bench History", countryCode: "IS" });
      for (let t = 1; t <= 3; t++) await ensureIssuance({ project, tokenId: t, vintage: "2021", amount: "5", holder: user.wallet!.address });
      const cookie = await signIn(baseUrl, email, "bench-password-1");
      const url = `${baseUrl}/api/carbonmark/portfolio`;
      const measure = async () => {
        for (let i = 0; i < 20 && (await indexHoldings({ freshList: true }))?.ranges !== 1; i++);
        const body = (await (await fetch(url, { headers: { cookie } })).json()) as { holdings: unknown[] };
        if (body.holdings.length !== 3) throw new Error(`expected 3 holdings, got ${body.holdings.length}`);
        await latencies(url, { cookie }, 10, 5);
        return latencies(url, { cookie }, 10, 30);
      };
      const p = provider();
      const head = await p.getBlockNumber();
      if (head < 100) await p.send("anvil_mine", [`0x${(100 - head).toString(16)}`]);
      const short = await measure();
      const history = await p.getBlockNumber();
      await p.send("anvil_mine", [`0x${(20_000).toString(16)}`]);
      const long = await measure();
      const blocks = (n: number) => `${Math.round(n / 100) * 100}`;
      return [
        { figure: `GET portfolio p50, ${blocks(history + 20_000)} blocks of history (10 clients)`, value: pct(long, 50), unit: "ms", baseline: `same, ${blocks(history)} blocks`, baselineValue: pct(short, 50), note: "target ratio ≤ 1.2" },
        { figure: `GET portfolio p95, ${blocks(history + 20_000)} blocks of history (10 clients)`, value: pct(long, 95), unit: "ms", baseline: `same, ${blocks(history)} blocks`, baselineValue: pct(short, 95), note: "target ratio ≤ 1.2" },
      ];
    },
  },
  {
    name: "carbonmark-accept-to-visible",
    needsHttp: true,
    run: async ({ baseUrl }) => {
      const { config } = await import("../lib/config.ts");
      const { prisma } = await import("../lib/db.ts");
      const { startJobs } = await import("../lib/jobs/start-jobs.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const { installApp } = await import("../lib/registry/apps/install-app.ts");
      const { acceptRequest } = await import("../lib/registry/requests/accept-request.ts");
      const { requestImport } = await import("../lib/carbonmark/imports/request-import.ts");
      const { ensureCmUser } = await import("../lib/seed/carbonmark-factories.ts");
      const { DEMO } = await import("../lib/seed/demo.ts");
      const { compareAmounts } = await import("../lib/amount.ts");
      const poll = config().POLL_INTERVAL_MS;

      const verdant = await prisma.icrOrganization.findFirstOrThrow({ where: { fullName: "Verdant Forest Holdings" } });
      const admin = await prisma.icrUser.findUniqueOrThrow({ where: { email: DEMO.icrAdmin.email } });
      const { installation } = await installApp({ appId: config().ICR_APP_ID, organizationId: verdant.id, userId: admin.id });
      const email = `bench-${randomUUID().slice(0, 8)}@carbonmark.test`;
      const user = await ensureCmUser({ email, name: "Bench", password: "bench-password-1", pin: "123456" });
      await prisma.cmIcrConnection.create({ data: { userId: user.id, installationId: installation.id, organizationId: verdant.id, organizationName: verdant.fullName } });
      const cookie = await signIn(baseUrl, email, "bench-password-1");

      const held = async () => {
        const res = await fetch(`${baseUrl}/api/carbonmark/portfolio`, { headers: { cookie } });
        const body = (await res.json()) as { holdings: { amount: string }[] };
        return body.holdings[0]?.amount ?? "0";
      };
      await startJobs({ work: true });
      const times: number[] = [];
      try {
        const inventory = await (await import("../lib/carbonmark/imports/list-org-inventory.ts")).listOrgInventory({ userId: user.id });
        const creditId = inventory.credits[0].creditId;
        for (let i = 0; i < RUNS; i++) {
          const before = await held();
          const imp = await requestImport({ userId: user.id, creditId, quantity: "0.001", idempotencyKey: randomUUID() });
          // A client polling every `poll` ms, at a random phase relative to the Accept.
          let seenAt = 0;
          let stop = false;
          const poller = (async () => {
            await sleep(Math.random() * poll);
            while (!stop) {
              const amount = await held();
              if (compareAmounts(amount, before) > 0) {
                seenAt = performance.now();
                return;
              }
              await sleep(poll);
            }
          })();
          await sleep(Math.random() * poll);
          const t0 = performance.now();
          const request = await prisma.icrCreditRequest.findFirstOrThrow({ where: { id: imp.icrTransactionId! } });
          await acceptRequest({ requestId: request.id, userId: admin.id });
          const deadline = Date.now() + 30_000;
          while (!seenAt && Date.now() < deadline) await sleep(20);
          stop = true;
          await poller;
          if (!seenAt) throw new Error(`run ${i}: the credits never became visible`);
          times.push(seenAt - t0);
        }
      } finally {
        await stopBoss();
      }
      const rows: TRow[] = [
        { figure: `Accept → visible in portfolio p50 (${RUNS} runs)`, value: pct(times, 50), unit: "ms", baseline: "poll interval", baselineValue: poll, note: "target ≤ 1500 ms at a 1000 ms poll" },
        { figure: `Accept → visible in portfolio p95 (${RUNS} runs)`, value: pct(times, 95), unit: "ms", baseline: "poll interval", baselineValue: poll },
      ];
      return rows;
    },
  },
  {
    name: "carbonmark-first-load-js",
    needsHttp: true, // needs the production build
    run: async () => {
      const root = path.resolve(import.meta.dirname, "..");
      const portfolio = firstLoadJsBytes({ root, appPath: "(carbonmark)/portfolio" });
      const landing = firstLoadJsBytes({ root, appPath: "" });
      // kB = 1000 bytes, as Next.js reports sizes.
      return [{ figure: "/portfolio first-load JS (gzip)", value: portfolio.gzipBytes / 1000, unit: "kB", baseline: "landing page / (gzip)", baselineValue: landing.gzipBytes / 1000, note: "target ≤ 150 kB" }];
    },
  },
];
