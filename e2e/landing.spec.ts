import { existsSync, readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../playwright.config";
import { shootBoth } from "./screens";

const shippedMigrations = readdirSync("prisma/migrations").filter((d) =>
  existsSync(`prisma/migrations/${d}/migration.sql`),
).length;

test("[LANDING] a visitor sees what the app does and where to start", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bring your ICR credits to Carbonmark");
  await expect(page.getByRole("link", { name: "Open your portfolio" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ICR registry sandbox" })).toBeVisible();
  await shootBoth(page, "landing");
  await page.setViewportSize({ width: 390, height: 844 });
  // The sign-up call to action is the first thing a phone shows, above the fold.
  await expect(page.getByTestId("sign-up-cta")).toBeInViewport();
  await page.getByRole("link", { name: "Create your free account" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("[LANDING] the tab shows a favicon and the app icons are served", async ({ page, request }) => {
  await page.goto("/");
  const icons = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute("rel"), e.getAttribute("href")]));
  expect(icons.map(([rel]) => rel)).toEqual(expect.arrayContaining(["icon", "apple-touch-icon", "manifest"]));
  for (const [, href] of icons) {
    const res = await request.get(href!);
    expect(res.status(), href!).toBe(200);
  }
  expect((await request.get("/favicon.svg")).headers()["content-type"]).toContain("image/svg+xml");
  expect((await request.get("/icon-512.png")).headers()["content-type"]).toBe("image/png");
});

test("[HEALTH] the health check reports database, chain, migrations and the worker up", async ({ page, request }) => {
  // Anyone: the status and each check's ok, nothing more (no hosts, no messages).
  const open = await request.get("/api/health");
  expect(open.status()).toBe(200);
  expect(await open.json()).toEqual({
    status: "ok",
    checks: { database: { ok: true }, chain: { ok: true }, migrations: { ok: true }, workers: { ok: true } },
  });

  // The operator (METRICS_TOKEN) also reads each check's detail.
  const res = await request.get("/api/health", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.checks.database.ok).toBe(true);
  expect(body.checks.chain.detail).toMatch(/^block \d+ at 127\.0\.0\.1:/);
  expect(body.checks.migrations.detail).toBe(`${shippedMigrations} applied, none pending`);
  expect(body.checks.workers.detail).toMatch(/^1 worker alive, last beat \d+\.\d s ago$/);

  // What a person sees when opening it in the browser.
  await page.goto("/api/health");
  await expect(page.locator("body")).toContainText('"status":"ok"');
});
