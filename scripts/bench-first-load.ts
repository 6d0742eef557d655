// `npm run bench -- --only first-load`: every app page's first-load JavaScript (gzip, what a modern
// browser fetches, `noModule` polyfills excluded) beside the framework's own floor (the build's root
// main files), flagged when over target: signed-out pages within 8 kB of the floor, every page within 15.
// Per page from the build's client reference manifests; the signed-out pages are also fetched from
// `next start` and their HTML's scripts counted, so the figure is what a served page really loads.
import path from "node:path";
import type { TRow, TSection } from "./bench.ts";
import { firstLoadJsBytes, floorJsBytes, listAppPages, routeOf, servedJsBytes } from "./lib/first-load-js.ts";

export const SIGNED_OUT_PAGES = ["/", "/sign-in", "/sign-up", "/retirements", "/icr/sign-in", "/icr/retirements"];
export const TARGET_OVER_FLOOR_KB = { signedOut: 8, signedIn: 15 } as const;

const kB = (bytes: number) => bytes / 1000; // kB = 1000 bytes, as Next.js reports sizes

export const firstLoadSections: TSection[] = [
  {
    name: "first-load",
    needsHttp: true, // the production build, and the served signed-out pages
    run: async ({ baseUrl }) => {
      const root = path.resolve(import.meta.dirname, "..");
      const floor = kB(floorJsBytes({ root }));
      const served = new Map<string, number>();
      for (const route of SIGNED_OUT_PAGES) {
        const res = await fetch(`${baseUrl}${route}`, { redirect: "manual" });
        if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
        served.set(route, kB(servedJsBytes({ root, html: await res.text() }).gzipBytes));
      }
      const rows: TRow[] = [];
      const table = [
        "| page | first-load JS (gzip) | floor | over floor | target | |",
        "| --- | --- | --- | --- | --- | --- |",
      ];
      for (const appPath of listAppPages({ root })) {
        const route = routeOf(appPath);
        const isSignedOut = SIGNED_OUT_PAGES.includes(route);
        const fromManifest = kB(firstLoadJsBytes({ root, appPath }).gzipBytes);
        const value = served.get(route) ?? fromManifest;
        const target = isSignedOut ? TARGET_OVER_FLOOR_KB.signedOut : TARGET_OVER_FLOOR_KB.signedIn;
        const over = value - floor;
        const flag = over > target ? "OVER TARGET" : "ok";
        const source = served.has(route) ? `served HTML (manifest: ${fromManifest.toFixed(1)} kB)` : "build manifest";
        table.push(
          `| ${route} | ${value.toFixed(1)} kB | ${floor.toFixed(1)} kB | +${over.toFixed(1)} kB | ≤ +${target} kB | ${flag} |`,
        );
        rows.push({
          figure: `${route} first-load JS (gzip)`,
          value,
          unit: "kB",
          baseline: "framework floor (root main files)",
          baselineValue: floor,
          note: `+${over.toFixed(1)} kB, target ≤ +${target} kB: ${flag}; ${source}`,
        });
      }
      console.log(`\n${table.join("\n")}\n`);
      return rows;
    },
  },
];
