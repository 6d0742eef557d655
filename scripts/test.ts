// `npm test`: formatting (prettier --check), lint, type-check (scripts and tests included), unit and integration tests (vitest, real PostgreSQL and anvil), then the e2e suite
// (Playwright in Chromium against a production build of the whole embedded stack), then the scale test (two web instances and
// two workers of that build on Debian's PostgreSQL as an external server; scripts/scale).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureChromium } from "./lib/ensure-chromium.ts";
import { buildIfChanged } from "./lib/next-build.ts";
import { systemPostgresBin } from "./lib/system-postgres.ts";

const root = path.resolve(import.meta.dirname, "..");
const bin = (p: string) => path.join(root, "node_modules", p);
const steps: [string, string[], (() => void)?][] = [
  ["format", [bin("prettier/bin/prettier.cjs"), "--check", "--log-level=warn", "."]],
  ["lint", [bin("eslint/bin/eslint.js"), "--max-warnings=0", "."]],
  ["typecheck", [bin("typescript/bin/tsc"), "--noEmit", "-p", "."]],
  ["unit + integration", [bin("vitest/vitest.mjs"), "run"]],
  ["e2e", [bin("@playwright/test/cli.js"), "test", ...process.argv.slice(2)], () => ensureChromium(root)],
  ["scale", [bin("vitest/vitest.mjs"), "run", "-c", "vitest.scale.config.ts"], ensureScalePrerequisites],
];

function ensureScalePrerequisites() {
  if (!systemPostgresBin()) {
    console.error("✖ scale: Debian's PostgreSQL is missing; install it: apt-get install -y postgresql");
    process.exit(1);
  }
  buildIfChanged((l) => console.log(l)); // the e2e step built it; rebuilt only if sources changed since
}

for (const [name, args, before] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  before?.();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} passed in ${secs}s`);
}
