// Builds the Next.js app when its sources changed since the last build (hash of paths, sizes, mtimes).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "contracts/build",
  "next.config.ts",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function walk(p: string, out: string[]): void {
  if (!existsSync(p)) return;
  const s = statSync(p);
  if (s.isDirectory()) {
    for (const e of readdirSync(p).sort()) if (e !== "node_modules") walk(path.join(p, e), out);
  } else out.push(`${path.relative(root, p)}:${s.size}:${s.mtimeMs}`);
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const i of INPUTS) walk(path.join(root, i), files);
  return createHash("sha256").update(files.join("\n")).digest("hex");
}

export function buildIfChanged(log: (l: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  const stamp = path.join(root, ".next", "source-hash");
  const hash = sourceHash();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) {
    log("Next.js build is up to date");
    return;
  }
  log("building the app (next build), this takes a minute or two the first time…");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed (see above)");
  writeFileSync(stamp, hash);
}
