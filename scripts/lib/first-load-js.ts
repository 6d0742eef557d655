// First-load JavaScript of an App Router page from the production build: the root main files plus
// every chunk the page and its layouts list in the client reference manifest, gzipped.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export function firstLoadJsBytes(opts: { root: string; appPath: string }): { gzipBytes: number; files: string[] } {
  const next = path.join(opts.root, ".next");
  const build = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const manifestFile = path.join(next, "server", "app", opts.appPath, "page_client-reference-manifest.js");
  if (!existsSync(manifestFile)) throw new Error(`no client manifest for ${opts.appPath}; build first`);
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } };
  new Function("globalThis", readFileSync(manifestFile, "utf8"))(sandbox.globalThis);
  const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0];
  const files = new Set<string>(build.rootMainFiles);
  for (const list of Object.values(manifest?.entryJSFiles ?? {})) for (const f of list) files.add(f);
  let gzipBytes = 0;
  for (const f of files) gzipBytes += gzipSync(readFileSync(path.join(next, f))).length;
  return { gzipBytes, files: [...files] };
}
