// The timing of a password-reset request for addresses with an account against addresses without
// one (both sides' bench sections): one request at a time, known and unknown interleaved in a
// shuffled order so drift (JIT, autovacuum, the machine's other load) hits both alike.
import type { TRow } from "../bench.ts";
import { pct } from "./bench-stats.ts";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mann–Whitney U as a z score: |z| < 2 means the two samples are not told apart at ~95 %. */
export function mannWhitneyZ(a: number[], b: number[]): number {
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

/** Asks about every address `rounds` times (after `warmUp` throwaway asks) and compares the two sides. */
export async function measureResetTiming(opts: {
  known: string[];
  unknown: string[];
  rounds: number;
  warmUp: string[];
  ask: (email: string) => Promise<void>;
}): Promise<TRow[]> {
  const timed = async (email: string) => {
    const t = performance.now();
    await opts.ask(email);
    return performance.now() - t;
  };
  for (const e of opts.warmUp) await timed(e);
  const tasks = [
    ...opts.known.map((e) => ({ e, isKnown: true })),
    ...opts.unknown.map((e) => ({ e, isKnown: false })),
  ].flatMap((t) => Array.from({ length: opts.rounds }, () => t));
  for (let i = tasks.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
  }
  const times = { known: [] as number[], unknown: [] as number[] };
  for (const t of tasks) times[t.isKnown ? "known" : "unknown"].push(await timed(t.e));

  const z = mannWhitneyZ(times.unknown, times.known);
  const verdict = Math.abs(z) < 2 ? "not told apart" : "DISTINGUISHABLE";
  // |z| ≥ 3: a difference no machine noise explains (about 3 in 1,000 by chance): the section fails.
  const failed = Math.abs(z) >= 3;
  const note = `${times.known.length} requests each, interleaved; means ${mean(times.unknown).toFixed(2)} vs ${mean(times.known).toFixed(2)} ms; Mann–Whitney z = ${z.toFixed(2)} (${verdict} at ~95 %)`;
  return [
    {
      figure: "reset request p50, unknown address",
      value: pct(times.unknown, 50),
      unit: "ms",
      baseline: "known address p50",
      baselineValue: pct(times.known, 50),
      note,
      failed,
    },
    {
      figure: "reset request p95, unknown address",
      value: pct(times.unknown, 95),
      unit: "ms",
      baseline: "known address p95",
      baselineValue: pct(times.known, 95),
    },
  ];
}
