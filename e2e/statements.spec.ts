import { readFileSync } from "node:fs";
import { type Page } from "@playwright/test";
import { importAndAccept, requestImport, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test, type TE2eWorld } from "./fixtures";
import { shootBoth } from "./screens";

// Statements and reconciliation end to end: a user with one import that arrived and one awaiting
// an admin downloads the activity CSV, opens the retirement report and reads the reconciliation.
// The user (connected) and its organization are this spec's own (e2e/fixtures.ts).
test.describe.configure({ mode: "serial" });
test.setTimeout(150_000);

let world: TE2eWorld;
let page: Page;

test.beforeAll(async ({ browser, worlds }, testInfo) => {
  world = await worlds.forSpec(testInfo, { connected: true });
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
});
test.afterAll(async () => {
  await page.context().close();
});

test("[STATEMENTS] the activity CSV downloads with the user's import, and the retirement report opens as a PDF", async ({
  browser,
}) => {
  await signInToCarbonmark(page, world.carbonmark.user);
  await importAndAccept(page, browser, world.carbonmark.user, "2.5", { admin: world.icr.admin });
  await requestImport(page, "0.001");

  await page.goto("/statements");
  await expect(page.getByRole("heading", { name: "Statements" })).toBeVisible();
  await shootBoth(page, "carbonmark-statements");
  const download = page.waitForEvent("download");
  await page.getByTestId("activity-csv").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("carbonmark-activity.csv");
  const csv = readFileSync(await file.path(), "utf8");
  const [header, ...rows] = csv.trimEnd().split("\r\n");
  expect(header.split(",").slice(0, 4)).toEqual(["date", "type", "direction", "amount_tco2e"]);
  expect(rows).toHaveLength(2);
  expect(rows.map((r) => r.split(",").slice(1, 4).join(","))).toEqual(["import,in,2.5", "import,in,0.001"]);

  const report = await page.request.get("/api/carbonmark/retirement-report?from=2020-01-01");
  expect(report.status()).toBe(200);
  expect(report.headers()["content-type"]).toBe("application/pdf");
  expect((await report.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const bad = await page.request.get("/api/carbonmark/statements/activity?format=xlsx");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ message: "The format is csv or json" });
});

test("[RECONCILIATION] chain, ledger and ICR agree for the arrived import; the request awaiting approval is explained", async () => {
  await page.goto("/reconciliation");
  await expect(page.getByRole("heading", { name: "Reconciliation" })).toBeVisible();
  const asset = page.getByTestId("recon-asset").first();
  await expect(asset.getByTestId("recon-chain")).toHaveText("2.5 t");
  await expect(asset.getByTestId("recon-ledger")).toHaveText("2.5 t");
  await expect(asset.getByTestId("recon-icr")).toHaveText("2.5 t");
  await expect(asset.getByTestId("recon-difference")).toHaveCount(1);
  await expect(asset.getByTestId("recon-difference")).toHaveAttribute("data-reason", "awaiting_approval");
  // No unexplained-gap alert on the page (Next.js keeps an empty route announcer with role alert outside main).
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  await shootBoth(page, "carbonmark-reconciliation");
});
