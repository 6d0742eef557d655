// Accept → visible in a real browser for `npm run bench`: two Chromium contexts on one machine, an ICR
// admin on the organization's inventory page and a Carbonmark user on the portfolio page. The time
// runs from the admin's click on the final "Accept transfer" to the moment the user's page shows the
// new amount in its holdings row (a MutationObserver in that page), both read from the pages' own
// clocks (performance.timeOrigin + now: one machine, one wall clock). Beside it, in the same run and
// on the same Accepts, an API-level client like the bench's (the live channel, then a portfolio read).
import { randomUUID } from "node:crypto";
import { chromium, type Page } from "@playwright/test";
import type { TSection } from "./bench.ts";
import { signIn } from "./bench-carbonmark.ts";
import { pct } from "./lib/bench-stats.ts";
import { findChromium } from "./lib/ensure-chromium.ts";
import { followLiveEvents } from "./lib/live-events.ts";

const RUNS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Scripts run in the pages are strings: tsx compiles functions with helpers (__name) the page lacks.

/** Records in the page when the first holdings row's amount differs from `before` (window.__seenAt). */
async function watchHolding(page: Page, before: string): Promise<void> {
  await page.evaluate(`(() => {
    const before = ${JSON.stringify(before)};
    window.__seenAt = undefined;
    window.__observer?.disconnect();
    const check = () => {
      const text = document.querySelector('[data-testid="holding-amount"]')?.textContent?.trim() ?? "0";
      if (window.__seenAt === undefined && text !== before) window.__seenAt = performance.timeOrigin + performance.now();
    };
    window.__observer = new MutationObserver(check);
    window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  })()`);
}

/** Records in the admin's page the moment of a click on the final "Accept transfer" (window.__clickAt). */
const NOTE_FINAL_ACCEPT = `document.addEventListener("click", (e) => {
  if (e.target instanceof Element && e.target.closest("button")?.textContent?.includes("Accept transfer"))
    window.__clickAt = performance.timeOrigin + performance.now();
}, true);`;

export const browserSections: TSection[] = [
  {
    name: "browser-accept-to-visible",
    needsHttp: true,
    run: async ({ baseUrl }) => {
      const { config } = await import("../lib/config.ts");
      const { prisma } = await import("../lib/db.ts");
      const { startJobs } = await import("../lib/jobs/start-jobs.ts");
      const { APP_QUEUES } = await import("../lib/worker/queues.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const { installApp } = await import("../lib/registry/apps/install-app.ts");
      const { requestImport } = await import("../lib/carbonmark/imports/request-import.ts");
      const { listOrgInventory } = await import("../lib/carbonmark/imports/list-org-inventory.ts");
      const { ensureCmUser } = await import("../lib/seed/carbonmark-factories.ts");
      const { DEMO } = await import("../lib/seed/demo.ts");

      const verdant = await prisma.icrOrganization.findFirstOrThrow({ where: { fullName: "Verdant Forest Holdings" } });
      const admin = await prisma.icrUser.findUniqueOrThrow({ where: { email: DEMO.icrAdmin.email } });
      const { installation } = await installApp({
        appId: config().ICR_APP_ID,
        organizationId: verdant.id,
        userId: admin.id,
      });
      const email = `bench-browser-${randomUUID().slice(0, 8)}@carbonmark.test`;
      const user = await ensureCmUser({ email, name: "Bench", password: "bench-password-1", pin: "123456" });
      await prisma.cmIcrConnection.create({
        data: {
          userId: user.id,
          installationId: installation.id,
          organizationId: verdant.id,
          organizationName: verdant.fullName,
        },
      });
      const cookie = await signIn(baseUrl, email, "bench-password-1");
      const creditId = (await listOrgInventory({ userId: user.id })).credits[0].creditId;

      /** The API-level client: on each live `change`, one portfolio read; notes when the amount differs from `before`. */
      const apiClient = (before: string) => {
        const abort = new AbortController();
        let seenAt: number | undefined;
        const done = followLiveEvents({
          baseUrl,
          cookie,
          signal: abort.signal,
          onEvent: async (event) => {
            if (!event.includes("event: change")) return false;
            const body = (await (
              await fetch(`${baseUrl}/api/carbonmark/portfolio`, { headers: { cookie } })
            ).json()) as { holdings: { amount: string }[] };
            if ((body.holdings[0]?.amount ?? "0") === before) return false;
            seenAt = performance.timeOrigin + performance.now();
            return true;
          },
        });
        return { seenAt: () => seenAt, stop: () => abort.abort(), done };
      };

      const browser = await chromium.launch({ executablePath: findChromium(), args: ["--no-sandbox"] });
      const browserMs: number[] = [];
      const apiMs: number[] = [];
      await startJobs({ queues: APP_QUEUES, work: true });
      try {
        const adminCtx = await browser.newContext({ baseURL: baseUrl });
        const adminPage = await adminCtx.newPage();
        await adminPage.goto("/icr/sign-in");
        await adminPage.getByLabel("Email").fill(DEMO.icrAdmin.email);
        await adminPage.getByLabel("Password").fill(DEMO.icrAdmin.password);
        await adminPage.getByRole("button", { name: "Sign in" }).click();
        await adminPage.getByRole("heading", { name: "Your organizations" }).waitFor();
        const userCtx = await browser.newContext({ baseURL: baseUrl });
        await userCtx.addCookies(
          cookie.split("; ").map((c) => {
            const [name, ...v] = c.split("=");
            return { name, value: v.join("="), url: baseUrl };
          }),
        );
        const userPage = await userCtx.newPage();
        // The admin's click on the final Accept, on the admin page's clock.
        await adminPage.addInitScript({ content: NOTE_FINAL_ACCEPT });

        for (let i = 0; i < RUNS + 2; i++) {
          const imp = await requestImport({
            userId: user.id,
            creditId,
            quantity: "0.001",
            idempotencyKey: randomUUID(),
          });
          // The user's page, opened with the import in flight (it listens on the live channel).
          await userPage.goto("/portfolio");
          await userPage.getByRole("heading", { name: "Portfolio" }).waitFor();
          const before = (
            (await userPage
              .getByTestId("holding-amount")
              .first()
              .textContent({ timeout: 1_000 })
              .catch(() => null)) ?? "0"
          ).trim();
          await watchHolding(userPage, before);
          const api = apiClient(before);
          await adminPage.goto(`/icr/organizations/${verdant.id}/inventory`);
          await adminPage
            .locator(`[data-request-id="${imp.icrTransactionId}"]`)
            .getByRole("button", { name: "Accept", exact: true })
            .click();
          const dialog = adminPage.getByRole("dialog", { name: "Accept this transfer?" });
          await sleep(300); // the page settles, as a person reads the dialog
          await dialog.getByRole("button", { name: "Accept transfer" }).click();
          const deadline = Date.now() + 30_000;
          let seenAt: number | undefined;
          while (Date.now() < deadline && (seenAt === undefined || api.seenAt() === undefined)) {
            seenAt = (await userPage.evaluate("window.__seenAt")) as number | undefined;
            await sleep(20);
          }
          api.stop();
          await api.done;
          const clickAt = (await adminPage.evaluate("window.__clickAt")) as number | undefined;
          if (!seenAt || !clickAt || !api.seenAt()) throw new Error(`run ${i}: the credits never became visible`);
          if (i < 2) continue; // warm-up: pages and routes compiled, caches filled
          browserMs.push(seenAt - clickAt);
          apiMs.push(api.seenAt()! - clickAt);
        }
      } finally {
        await browser.close();
        await stopBoss();
      }
      const [b50, b95, a50] = [pct(browserMs, 50), pct(browserMs, 95), pct(apiMs, 50)];
      return [
        {
          figure: `Accept → visible in the browser, p50 (${RUNS} runs)`,
          value: b50,
          unit: "ms",
          baseline: "same Accepts, API-level client p50",
          baselineValue: a50,
          note: "target ≤ 400 ms and ≤ API-level p50 + 150 ms",
          failed: b50 > 400 || b50 > a50 + 150,
        },
        {
          figure: `Accept → visible in the browser, p95 (${RUNS} runs)`,
          value: b95,
          unit: "ms",
          baseline: "same Accepts, API-level client p95",
          baselineValue: pct(apiMs, 95),
          note: "target ≤ 800 ms",
          failed: b95 > 800,
        },
      ];
    },
  },
];
