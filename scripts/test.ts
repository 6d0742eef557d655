// `npm test`: formatting (prettier --check), lint, type-check (scripts and tests included), unit and integration tests (vitest, real PostgreSQL and anvil), then the e2e suite
// (Playwright in Chromium against a production build of the whole embedded stack), then the scale test (two web instances and
// two workers of that build on an external PostgreSQL server; scripts/scale). The live-channel spec runs once more with
// polling off (pages then learn of changes only from the live channel), and the Carbonmark story a second time on the Polygon
// chain profile (2 s blocks, finality from the `finalized` tag, an RPC proxy; docs/finality.md).
// It sets up what it needs itself: PostgreSQL, anvil and the PDF reader come with `npm install`; Chromium is
// found (the npm package's unpacked, or Debian's installed, where needed) by scripts/lib/ensure-chromium.ts before the e2e step.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureChromium } from "./lib/ensure-chromium.ts";
import { buildIfChanged } from "./lib/next-build.ts";

const root = path.resolve(import.meta.dirname, "..");
const bin = (p: string) => path.join(root, "node_modules", p);
const e2eArgs = process.argv.slice(2);
const steps: [string, string[], (() => void)?, Record<string, string>?][] = [
  ["format", [bin("prettier/bin/prettier.cjs"), "--check", "--log-level=warn", "."]],
  ["lint", [bin("eslint/bin/eslint.js"), "--max-warnings=0", "."]],
  ["typecheck", [bin("typescript/bin/tsc"), "--noEmit", "-p", "."]],
  ["unit + integration", [bin("vitest/vitest.mjs"), "run"]],
  ["e2e", [bin("@playwright/test/cli.js"), "test", ...e2eArgs], useChromium],
  ...(e2eArgs.length
    ? []
    : [
        [
          "e2e live channel, polling off",
          [bin("@playwright/test/cli.js"), "test", "e2e/live-channel.spec.ts", "--project=chromium"],
          undefined,
          { E2E_POLL_INTERVAL_MS: "3600000" },
        ] as [string, string[], undefined, Record<string, string>],
        [
          "e2e story, polygon profile",
          [bin("@playwright/test/cli.js"), "test", "e2e/carbonmark-story.spec.ts", "--project=chromium"],
          undefined,
          { CHAIN_PROFILE: "polygon" },
        ] as [string, string[], undefined, Record<string, string>],
      ]),
  // The e2e step built the app; rebuilt only if sources changed since.
  ["scale", [bin("vitest/vitest.mjs"), "run", "-c", "vitest.scale.config.ts"], () => buildIfChanged(console.log)],
];

/** The e2e steps run in the Chromium found (or installed) now; without one, `npm test` stops saying what to run. */
function useChromium() {
  try {
    process.env.CHROMIUM_PATH = ensureChromium();
  } catch (err) {
    console.error(`✖ e2e: ${(err as Error).message}`);
    process.exit(1);
  }
}

for (const [name, args, before, env] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  before?.();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} passed in ${secs}s`);
}
