// The e2e suite runs in Debian's Chromium where installed (CHROMIUM_PATH or /usr/bin/chromium, see
// playwright.config.ts), else in Playwright's own build. Without either, try `playwright install
// chromium` (works where Playwright's download host is reachable) and otherwise stop with one line.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export function systemChromium(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;
  return existsSync(candidate) ? candidate : undefined;
}

export function ensureChromium(root: string): void {
  if (systemChromium() || existsSync(chromium.executablePath())) return;
  console.log("No system Chromium found: running `playwright install chromium`…");
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/@playwright/test/cli.js"), "install", "chromium"],
    { cwd: root, stdio: "inherit" },
  );
  if (r.status === 0 && existsSync(chromium.executablePath())) return;
  console.error(
    "✖ e2e needs Chromium: install Debian's (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.",
  );
  process.exit(1);
}
