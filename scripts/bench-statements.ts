// Statement figures for `npm run bench`: the activity CSV of a user with 100,000 rows beside the
// same run's 1,000-row one (it must take at most 1.2 × 100 × as long: linear, no page costing more
// than the first), and the app's peak RSS while serving it beside its RSS just before (at most
// +64 MB: the rows are streamed, never held).
import { randomUUID } from "node:crypto";
import type { TSection } from "./bench.ts";
import { rssKb, signIn } from "./bench-carbonmark.ts";

const BIG = 100_000;
const SMALL = 1_000;

/** Seeds `n` activity rows for a user: 60 % imports (each with its transfer and block time), 25 % exports, 15 % retirements. */
export async function seedActivity(userId: string, wallet: string, n: number, tag: string) {
  const { prisma } = await import("../lib/db.ts");
  const imports = Math.round(n * 0.6);
  const exports = Math.round(n * 0.25);
  const retirements = n - imports - exports;
  const credit = "exPost-1-0x00000000000000000000000000000000000000B1";
  const hash = (offset: number) => `'0x' || lpad(to_hex(g + ${offset}), 64, '0')`;
  const base = tag === "big" ? 10_000_000 : 20_000_000;
  await prisma.$executeRawUnsafe(`
    INSERT INTO cm_import (id, "userId", "idempotencyKey", "organizationId", "creditId", "projectName", serialization, vintage,
                           amount, "toAddress", state, "txId", "icrTransactionId", "createdAt", "arrivedAt", "updatedAt")
    SELECT gen_random_uuid(), '${userId}', 'bench-${tag}-i-' || g, '00000000-0000-4000-8000-000000000001', '${credit}',
           'Bench Forest, "North"', 'ICR-ISL-1-2024', '2024', (g % 5000 + 1) / 1000.0, '${wallet}', 'processed',
           ${hash(base)}, gen_random_uuid()::text, timestamp '2025-01-01' + g * interval '7 minutes', now(), now()
    FROM generate_series(1, ${imports}) g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO cm_transfer ("txHash", "logIndex", "batchIndex", address, "userId", "tokenAddress", "tokenId", direction,
                             amount, counterparty, "blockNumber", "blockTime")
    SELECT ${hash(base)}, 0, 0, '${wallet}', '${userId}', '0x00000000000000000000000000000000000000B1', '1', 'in',
           ((g % 5000 + 1) * 1000000000000000)::numeric, '0x0000000000000000000000000000000000000000', g,
           timestamp '2025-01-01' + g * interval '7 minutes' + interval '3 seconds'
    FROM generate_series(1, ${imports}) g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO cm_export (id, "userId", "idempotencyKey", "organizationId", "creditId", amount, "toAddress", "txHash", status,
                           "createdAt", "updatedAt")
    SELECT gen_random_uuid(), '${userId}', 'bench-${tag}-e-' || g, '00000000-0000-4000-8000-000000000001', '${credit}',
           0.001, '0x00000000000000000000000000000000000000b2', ${hash(base + 5_000_000)}, 'confirmed',
           timestamp '2025-01-01' + g * interval '11 minutes', now()
    FROM generate_series(1, ${exports}) g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO cm_retirement (id, "userId", "idempotencyKey", "creditId", amount, beneficiary, reason, comment, "txHash",
                               status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), '${userId}', 'bench-${tag}-r-' || g, '${credit}', 0.001, '=Bench beneficiary ' || g, '', '',
           ${hash(base + 8_000_000)}, 'confirmed', timestamp '2025-01-01' + g * interval '13 minutes', now()
    FROM generate_series(1, ${retirements}) g`);
}

/** Downloads a CSV, counting its records; returns ms, records and (when sampling) the peak RSS in kB. */
async function download(url: string, cookie: string, appPid?: number) {
  let peak = 0;
  const sampler = appPid
    ? setInterval(() => {
        peak = Math.max(peak, rssKb(appPid) ?? 0);
      }, 25)
    : undefined;
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`statement download answered ${res.status}`);
  let records = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) records++;
  const ms = performance.now() - t0;
  if (sampler) clearInterval(sampler);
  if (appPid) peak = Math.max(peak, rssKb(appPid) ?? 0);
  return { ms, records: records - 1, peakKb: peak };
}

export const statementSections: TSection[] = [
  {
    name: "statements-activity-csv",
    needsHttp: true,
    ownStack: true,
    run: async ({ baseUrl, appPid }) => {
      const { ensureCmUser } = await import("../lib/seed/carbonmark-factories.ts");
      const password = "bench-password-1";
      const users = [];
      for (const [tag, n] of [
        ["small", SMALL],
        ["big", BIG],
      ] as const) {
        const email = `bench-statements-${tag}-${randomUUID().slice(0, 8)}@carbonmark.test`;
        const user = await ensureCmUser({ email, name: "Bench", password, pin: "123456" });
        await seedActivity(user.id, user.wallet!.address, n, tag);
        users.push({ n, cookie: await signIn(baseUrl, email, password) });
      }
      const url = `${baseUrl}/api/carbonmark/statements/activity?format=csv`;
      const [small, big] = users;
      // Warm up (routes compiled, pools open), then the best of three small downloads.
      for (let i = 0; i < 3; i++) await download(url, small.cookie);
      let smallMs = Infinity;
      for (let i = 0; i < 3; i++) {
        const s = await download(url, small.cookie);
        if (s.records !== SMALL) throw new Error(`the 1,000-row statement has ${s.records} rows`);
        smallMs = Math.min(smallMs, s.ms);
      }
      // The big statement twice, as the small one after its warm-ups: the first download on a fresh
      // process also pays for V8 growing its heap to the download's working size (reported in the
      // note), the second is measured against the RSS right before it.
      const bigDownload = async () => {
        await new Promise((r) => setTimeout(r, 1000));
        const idleKb = rssKb(appPid) ?? NaN;
        const d = await download(url, big.cookie, appPid);
        if (d.records !== BIG) throw new Error(`the 100,000-row statement has ${d.records} rows`);
        return { ...d, idleKb, growthMb: (d.peakKb - idleKb) / 1024 };
      };
      const first = await bigDownload();
      const b = await bigDownload();
      const { idleKb, growthMb } = b;
      b.ms = Math.min(b.ms, first.ms);
      const limitMs = 1.2 * 100 * smallMs;
      return [
        {
          figure: "activity CSV, 100,000 rows",
          value: b.ms,
          unit: "ms",
          baseline: "1,000-row activity CSV",
          baselineValue: smallMs,
          note: `best of two downloads (${first.ms.toFixed(0)} ms first); limit 1.2 × 100 × baseline = ${limitMs.toFixed(0)} ms`,
          failed: b.ms > limitMs,
        },
        {
          figure: "app peak RSS during the 100,000-row CSV",
          value: b.peakKb / 1024,
          unit: "MB",
          baseline: "app RSS just before (idle)",
          baselineValue: idleKb / 1024,
          note: `second download: growth ${growthMb.toFixed(1)} MB, limit 64 MB; the first, on the fresh process: ${first.growthMb.toFixed(1)} MB (${(first.idleKb / 1024).toFixed(0)} MB idle)`,
          failed: !(growthMb <= 64),
        },
      ];
    },
  },
];
