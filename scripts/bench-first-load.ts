// `npm run bench -- --only first-load`: every app page's first-load JavaScript (gzip, what a modern
// browser fetches, `noModule` polyfills excluded) beside the framework's own floor (the build's root
// main files), flagged OVER TARGET when over: signed-out pages within 8 kB of the floor, every page within 15.
// Per page from the build's client reference manifests; the signed-out pages are also fetched from
// `next start` and their HTML's scripts counted, so the figure is what a served page really loads.
import path from "node:path";
import type { TRow, TSection } from "./bench.ts";
import {
  SIGNED_OUT_PAGES,
  firstLoadJsBytes,
  firstLoadReport,
  floorJsBytes,
  judgeFirstLoad,
  listAppPages,
  routeOf,
  servedJsBytes,
} from "./lib/first-load-js.ts";

const kB = (bytes: number) => bytes / 1000; // kB = 1000 bytes, as Next.js reports sizes

export const firstLoadSections: TSection[] = [
  {
    name: "first-load",
    needsHttp: true, // the production build, and the served signed-out pages
    run: async ({ baseUrl }) => {
      const root = path.resolve(import.meta.dirname, "..");
      const floorKB = kB(floorJsBytes({ root }));
      const served = new Map<string, number>();
      for (const route of SIGNED_OUT_PAGES) {
        const res = await fetch(`${baseUrl}${route}`, { redirect: "manual" });
        if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
        served.set(route, kB(servedJsBytes({ root, html: await res.text() }).gzipBytes));
      }
      const rows: TRow[] = [];
      const verdicts = [];
      for (const appPath of listAppPages({ root })) {
        const route = routeOf(appPath);
        const fromManifest = kB(firstLoadJsBytes({ root, appPath }).gzipBytes);
        const verdict = judgeFirstLoad({ route, kB: served.get(route) ?? fromManifest, floorKB });
        verdicts.push(verdict);
        const source = served.has(route) ? `served HTML (manifest: ${fromManifest.toFixed(1)} kB)` : "build manifest";
        rows.push({
          figure: `${route} first-load JS (gzip)`,
          value: verdict.kB,
          unit: "kB",
          baseline: "framework floor (root main files)",
          baselineValue: floorKB,
          note: `+${verdict.overKB.toFixed(1)} kB, target ≤ +${verdict.targetKB} kB: ${verdict.isOver ? "OVER TARGET" : "ok"}; ${source}`,
          failed: verdict.isOver,
        });
      }
      console.log(`\n${firstLoadReport(verdicts, floorKB)}\n`);
      return rows;
    },
  },
];
