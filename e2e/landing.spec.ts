import { existsSync, readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";

const shippedMigrations = readdirSync("prisma/migrations").filter((d) => existsSync(`prisma/migrations/${d}/migration.sql`)).length;

test("[LANDING] a visitor sees what the app does and where to start", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bring your ICR credits to Carbonmark");
  await expect(page.getByRole("link", { name: "Open your portfolio" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ICR registry sandbox" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/landing.png", fullPage: true });
});

test("[HEALTH] the health check reports database, chain, migrations and the worker up", async ({ page, request }) => {
  const res = await request.get("/api/health");
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
