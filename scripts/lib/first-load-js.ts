// First-load JavaScript of an App Router page from the production build: the root main files plus
// every chunk the page and its layouts list in the client reference manifest, gzipped. Also: every
// app page of the build, the framework's floor (the root main files alone), and the scripts a served
// page's HTML makes a modern browser fetch (`noModule` polyfills excluded), for `npm run bench`.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const MANIFEST = "page_client-reference-manifest.js";

function gzipBytesOf(next: string, files: Iterable<string>): number {
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(path.join(next, f))).length;
  return bytes;
}

function rootMainFiles(next: string): string[] {
  return (JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] })
    .rootMainFiles;
}

export function firstLoadJsBytes(opts: { root: string; appPath: string }): { gzipBytes: number; files: string[] } {
  const next = path.join(opts.root, ".next");
  const manifestFile = path.join(next, "server", "app", opts.appPath, MANIFEST);
  if (!existsSync(manifestFile)) throw new Error(`no client manifest for ${opts.appPath}; build first`);
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } };
  new Function("globalThis", readFileSync(manifestFile, "utf8"))(sandbox.globalThis);
  const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0];
  const files = new Set<string>(rootMainFiles(next));
  for (const list of Object.values(manifest?.entryJSFiles ?? {})) for (const f of list) files.add(f);
  return { gzipBytes: gzipBytesOf(next, files), files: [...files] };
}

/** The framework's own floor: the build's root main files (what an empty page loads), gzipped. */
export function floorJsBytes(opts: { root: string }): number {
  const next = path.join(opts.root, ".next");
  return gzipBytesOf(next, rootMainFiles(next));
}

/** Every app page of the build, as its folder under .next/server/app ("(carbonmark)/portfolio", "" for /). */
export function listAppPages(opts: { root: string }): string[] {
  const base = path.join(opts.root, ".next", "server", "app");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === MANIFEST) out.push(path.relative(base, dir).split(path.sep).join("/"));
    }
  };
  if (!existsSync(base)) throw new Error("no .next/server/app; build first");
  walk(base);
  return out;
}

/** The URL path of an app page folder: route groups dropped ("(carbonmark)/sign-in" → "/sign-in"). */
export function routeOf(appPath: string): string {
  return (
    "/" +
    appPath
      .split("/")
      .filter((s) => s && !/^\(.*\)$/.test(s))
      .join("/")
  );
}

/** The external scripts an HTML page makes a modern browser fetch: `<script src>` without `nomodule`. */
export function moduleScriptSrcs(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = m[1];
    if (/\bnomodule\b/i.test(attrs)) continue;
    const src = /\bsrc=["']([^"']+)["']/i.exec(attrs)?.[1];
    if (src) out.push(src);
  }
  return [...new Set(out)];
}

/** Gzipped bytes of the scripts a served page's HTML loads (read from the build, by their /_next/ path). */
export function servedJsBytes(opts: { root: string; html: string }): { gzipBytes: number; files: string[] } {
  const next = path.join(opts.root, ".next");
  const files = moduleScriptSrcs(opts.html)
    .map((src) => decodeURIComponent(new URL(src, "http://x").pathname))
    .filter((p) => p.startsWith("/_next/"))
    .map((p) => p.slice("/_next/".length));
  return { gzipBytes: gzipBytesOf(next, files), files };
}

/** Pages a signed-out visitor opens; they must stay lightest. */
export const SIGNED_OUT_PAGES = [
  "/",
  "/sign-in",
  "/sign-up",
  "/retirements",
  "/icr/sign-in",
  "/icr/forgot-password",
  "/icr/reset-password",
  "/icr/retirements",
];
/** Targets over the framework's floor, kB: signed-out pages within 8, every page within 15. */
export const TARGET_OVER_FLOOR_KB = { signedOut: 8, signedIn: 15 } as const;

export type TFirstLoadVerdict = { route: string; kB: number; overKB: number; targetKB: number; isOver: boolean };

/** One page's first-load figure (kB) judged against the floor (kB) and its target. */
export function judgeFirstLoad(opts: { route: string; kB: number; floorKB: number }): TFirstLoadVerdict {
  const targetKB = SIGNED_OUT_PAGES.includes(opts.route)
    ? TARGET_OVER_FLOOR_KB.signedOut
    : TARGET_OVER_FLOOR_KB.signedIn;
  const overKB = opts.kB - opts.floorKB;
  return { route: opts.route, kB: opts.kB, overKB, targetKB, isOver: overKB > targetKB };
}

/** The bench's table: every page beside the floor, rows over target flagged, then a line naming them. */
export function firstLoadReport(verdicts: TFirstLoadVerdict[], floorKB: number): string {
  const lines = [
    "| page | first-load JS (gzip) | floor | over floor | target | |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const v of verdicts)
    lines.push(
      `| ${v.route} | ${v.kB.toFixed(1)} kB | ${floorKB.toFixed(1)} kB | +${v.overKB.toFixed(1)} kB | ≤ +${v.targetKB} kB | ${v.isOver ? "**OVER TARGET**" : "ok"} |`,
    );
  const over = verdicts.filter((v) => v.isOver);
  lines.push(
    "",
    over.length
      ? `OVER TARGET (${over.length} of ${verdicts.length} pages): ${over.map((v) => `${v.route} +${v.overKB.toFixed(1)} kB > +${v.targetKB}`).join(", ")}`
      : `Every page within target (${verdicts.length} pages).`,
  );
  return lines.join("\n");
}
