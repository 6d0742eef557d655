// ICR figures for `npm run bench`: how long a password-reset request takes for an address with an
// account and for one without. The answer is the same either way; its timing must not tell them
// apart (docs/icr-contract.md, "Passwords"). Measured in-process on the domain function the form's
// action calls (the action adds only the same parsing for both), one request at a time, known and
// unknown interleaved in a shuffled order so drift (JIT, autovacuum, the machine's other load) hits
// both alike. Timings are here, never in tests.
import { randomBytes } from "node:crypto";
import type { TSection } from "./bench.ts";
import { pct } from "./lib/bench-stats.ts";

const ADDRESSES = 100; // per side; each asked about 4 times (the per-address limit is 5 per 15 min)
const ROUNDS = 4;
const WARM_UP = 20;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mann–Whitney U as a z score: |z| < 2 means the two samples are not told apart at ~95 %. */
function mannWhitneyZ(a: number[], b: number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  let rankA = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const rank = (i + j + 1) / 2; // ties share their mean rank
    for (let k = i; k < j; k++) if (all[k]!.g === 0) rankA += rank;
    i = j;
  }
  const n1 = a.length;
  const n2 = b.length;
  const u = rankA - (n1 * (n1 + 1)) / 2;
  return (u - (n1 * n2) / 2) / Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
}

export const icrSections: TSection[] = [
  {
    name: "icr-reset-timing",
    run: async () => {
      const { prisma } = await import("../lib/db.ts");
      const { hashPassword } = await import("../lib/crypto/password.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const { requestPasswordReset } = await import("../lib/registry/auth/password-reset.ts");
      const label = randomBytes(4).toString("hex");
      const passwordHash = await hashPassword("bench-reset-pass");
      const known = Array.from({ length: ADDRESSES }, (_, i) => `reset-known-${label}-${i}@icr.test`);
      const unknown = Array.from({ length: ADDRESSES }, (_, i) => `reset-unknown-${label}-${i}@icr.test`);
      await prisma.icrUser.createMany({ data: known.map((email) => ({ email, name: "Bench reset", passwordHash })) });

      let ip = 0;
      const ask = async (email: string) => {
        const t = performance.now();
        await requestPasswordReset({ email, ip: `bench-${label}-${ip++}` });
        return performance.now() - t;
      };
      for (let i = 0; i < WARM_UP; i++) await ask(`reset-warm-${label}-${i}@icr.test`);

      // Every (address, round) once, in a shuffled order.
      const tasks = [
        ...known.map((e) => ({ e, isKnown: true })),
        ...unknown.map((e) => ({ e, isKnown: false })),
      ].flatMap((t) => Array.from({ length: ROUNDS }, () => t));
      for (let i = tasks.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
      }
      const times = { known: [] as number[], unknown: [] as number[] };
      for (const t of tasks) times[t.isKnown ? "known" : "unknown"].push(await ask(t.e));
      await stopBoss();

      const z = mannWhitneyZ(times.unknown, times.known);
      const n = ADDRESSES * ROUNDS;
      const verdict = Math.abs(z) < 2 ? "not told apart" : "DISTINGUISHABLE";
      const note = `${n} requests each, interleaved; means ${mean(times.unknown).toFixed(2)} vs ${mean(times.known).toFixed(2)} ms; Mann–Whitney z = ${z.toFixed(2)} (${verdict} at ~95 %)`;
      return [
        {
          figure: "reset request p50, unknown address",
          value: pct(times.unknown, 50),
          unit: "ms",
          baseline: "known address p50",
          baselineValue: pct(times.known, 50),
          note,
        },
        {
          figure: "reset request p95, unknown address",
          value: pct(times.unknown, 95),
          unit: "ms",
          baseline: "known address p95",
          baselineValue: pct(times.known, 95),
        },
      ];
    },
  },
];
