import { readFileSync } from "node:fs";
import { type Page } from "@playwright/test";
import { importAndAccept, requestImport, requestRowFor, signInToCarbonmark, type TCmUser } from "./carbonmark-helpers";
import { pdfText } from "../lib/testing/pdf-reader.ts";
import { expect, test, type TE2eWorld } from "./fixtures";
import { shootBoth } from "./screens";
import { signedInIcrContext } from "./icr-helpers";

// Retirements end to end: a Carbonmark user retires from the wallet and downloads the certificate;
// the ICR admin retires on ICR (ICR's list shows it; Carbonmark's shows only Carbonmark's); a pending import is cancelled.
// The user, its connection and the organization are this spec's own (e2e/fixtures.ts).
test.describe.configure({ mode: "serial" });
test.setTimeout(150_000);

let world: TE2eWorld;
let user: TCmUser;
let userPage: Page;
let inventoryUrl = "";
let serialization = "";
let retirementUrl = "";

test.beforeAll(async ({ browser, worlds }, testInfo) => {
  world = await worlds.forSpec(testInfo, { connected: true });
  user = { email: world.carbonmark.user.email, address: world.carbonmark.user.address };
  userPage = await (await browser.newContext({ acceptDownloads: true })).newPage();
});
test.afterAll(async () => {
  await userPage.context().close();
});

test("[RETIRE] a user retires from the wallet with the PIN and downloads a certificate naming the beneficiary", async ({
  browser,
}) => {
  await signInToCarbonmark(userPage, world.carbonmark.user);
  inventoryUrl = await importAndAccept(userPage, browser, user, "3", { admin: world.icr.admin });
  const holding = userPage.getByTestId("holding").first();
  serialization = ((await holding.locator("td").nth(2).textContent()) ?? "").trim();
  expect(serialization).not.toBe("");
  await holding.getByRole("link", { name: `Retire ${serialization}` }).click();
  await expect(userPage.getByRole("heading", { name: "Retire credits" })).toBeVisible();

  // Bad input is refused in the form and opens no PIN dialog.
  await userPage.getByLabel("Quantity").fill("4");
  await userPage.getByRole("button", { name: "Retire credits" }).click();
  await expect(userPage.locator("#quantity-error")).toHaveText(/You can retire at most 3/);
  await expect(userPage.locator("#beneficiary-error")).toHaveText("Enter the beneficiary's name");
  await userPage.getByLabel("Beneficiary name").fill("x".repeat(201));
  await expect(userPage.locator("#beneficiary-error")).toHaveText(/at most 200 characters/);
  // A pasted bidi override (it would reorder what the certificate shows) is named under its field.
  await userPage.getByLabel("Beneficiary name").fill("Nordic \u202Eyrekab");
  await userPage.getByLabel("Reason").fill("Net\u200Bzero");
  await expect(userPage.locator("#beneficiary-error")).toHaveText(
    "The beneficiary's name must be one line of visible text: remove an invisible control character (U+202E)",
  );
  await expect(userPage.locator("#reason-error")).toHaveText(/The reason must be one line of visible text.*U\+200B/);
  await expect(userPage.getByRole("dialog")).toHaveCount(0);
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-retire-bad-input.png", fullPage: true });

  await userPage.getByLabel("Quantity").fill("1.25");
  await userPage.getByLabel("Beneficiary name").fill("Nordic Bakery Cooperative");
  await userPage.getByLabel("Reason").fill("Carbon neutral bread 2025");
  await userPage.getByLabel("Comment").fill("Thank you, customers");
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-retire-form.png", fullPage: true });
  await userPage.getByRole("button", { name: "Retire credits" }).click();
  const pin = userPage.getByRole("dialog", { name: "Confirm the retirement with your PIN" });
  await expect(pin).toContainText("Retiring is irreversible.");
  await expect(pin.getByTestId("retire-summary")).toContainText("1.25 tCO₂e");
  await expect(pin.getByTestId("retire-summary")).toContainText("Nordic Bakery Cooperative");
  await pin.getByLabel("PIN").fill(world.carbonmark.user.pin);
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-retire-pin.png", fullPage: true });
  await pin.getByRole("button", { name: "Confirm retirement" }).dblclick();

  await expect(userPage).toHaveURL(/\/retirements\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(userPage.getByTestId("retirement-stage")).toHaveText("Retired, certificate ready");
  await expect(userPage.getByTestId("retirement-beneficiary")).toHaveText("Nordic Bakery Cooperative");
  await expect(userPage.getByText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC$/)).toBeVisible();
  await shootBoth(userPage, "carbonmark-retirement");
  retirementUrl = userPage.url();
  // Cross-links: the ICR retirement (that one entry on ICR's public list) and its ICR certificate.
  const icrCertificate = await userPage.getByTestId("icr-certificate-link").getAttribute("href");
  expect((await userPage.request.get(icrCertificate!)).headers()["content-type"]).toBe("application/pdf");
  await userPage.getByTestId("icr-retirement-link").click();
  await expect(userPage).toHaveURL(/\/icr\/retirements\?id=[0-9a-f-]{36}$/);
  await expect(userPage.getByTestId("retirement")).toHaveCount(1);
  await expect(userPage.getByTestId("retirement")).toContainText("Nordic Bakery Cooperative");
  await shootBoth(userPage, "icr-retirement-one");
  await userPage.goto(retirementUrl);

  const [download] = await Promise.all([
    userPage.waitForEvent("download"),
    userPage.getByRole("link", { name: "Download certificate" }).click(),
  ]);
  const file = await download.path();
  const text = await pdfText(readFileSync(file));
  for (const s of ["Nordic Bakery Cooperative", "1.25", serialization, "Carbon neutral bread 2025"])
    expect(text).toContain(s);

  // The portfolio: 1.75 left, one retirement (the double click made one).
  await userPage.goto("/portfolio");
  await expect(userPage.getByTestId("holding-amount").first()).toHaveText("1.75");
  await expect(userPage.getByTestId("my-retirement")).toHaveCount(1);
  await expect(userPage.getByTestId("my-retirement-stage")).toHaveText("Retired, certificate ready");
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-portfolio-retired.png", fullPage: true });
});

test("[RETIRE] the admin retires on ICR: ICR's list shows it, Carbonmark's lists only the retirements made on Carbonmark", async ({
  browser,
}) => {
  const admin = await signedInIcrContext(browser, world.icr.admin);
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  await adminPage
    .getByRole("button", { name: /^Retire / })
    .first()
    .click();
  const dialog = adminPage.getByRole("dialog", { name: "Retire credits" });
  await dialog.getByLabel("Quantity (tCO₂e)").fill("0.75");
  await dialog.getByLabel("Beneficiary").fill("Harbor Ferries Ltd");
  await dialog.getByLabel("Reason").fill("Ferry season 2025");
  await dialog.getByRole("button", { name: "Retire credits" }).click();
  await expect(dialog).toBeHidden();
  await expect(adminPage.getByTestId("request-row").filter({ hasText: "Harbor Ferries Ltd" })).toHaveAttribute(
    "data-state",
    "processed",
    { timeout: 45_000 },
  );

  await adminPage.goto("/icr/retirements");
  await expect(adminPage.getByTestId("retirement").filter({ hasText: "Harbor Ferries Ltd" })).toContainText(
    "0.75 tCO₂e",
  );
  await expect(adminPage.getByTestId("retirement").filter({ hasText: "Nordic Bakery Cooperative" })).toContainText(
    "1.25 tCO₂e",
  );
  await admin.close();

  // Carbonmark's public list, signed out: the retirements made on Carbonmark (not the admin's, made on
  // ICR), each linking to the registry's public certificate; read from Carbonmark's own records.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto("/retirements");
  await expect(page.getByRole("heading", { name: "Retirements", exact: true })).toBeVisible();
  const mine = page.getByTestId("retirement").filter({ hasText: "Nordic Bakery Cooperative" });
  await expect(mine).toContainText("1.25 tCO₂e");
  await expect(mine).toContainText(serialization);
  await expect(page.getByTestId("retirement").filter({ hasText: "Harbor Ferries Ltd" })).toHaveCount(0);
  const href = await mine.getByRole("link", { name: "Certificate (PDF)" }).getAttribute("href");
  expect(href).toMatch(/\/icr\/retirements\/[0-9a-f-]{36}\/certificate$/);
  const pdf = await page.request.get(href!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const certificate = await pdf.body();
  expect(certificate.subarray(0, 5).toString()).toBe("%PDF-");
  // The registry stored it once: the signed-in owner's download is the very same file.
  const ownUrl = `${retirementUrl.replace("/retirements/", "/api/carbonmark/retirements/")}/certificate`;
  const own = await userPage.request.get(ownUrl);
  expect(Buffer.compare(await own.body(), certificate)).toBe(0);
  await shootBoth(page, "carbonmark-retirements");
  // On a phone the badge and the certificate link stay right-aligned with each other however the text wraps.
  await page.setViewportSize({ width: 390, height: 844 });
  const badge = await mine.getByText("Claimed", { exact: true }).boundingBox();
  const link = await mine.getByRole("link", { name: "Certificate (PDF)" }).boundingBox();
  expect(Math.abs(badge!.x + badge!.width - (link!.x + link!.width))).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1280, height: 900 });
  // The two public lists link to each other.
  await page.getByRole("link", { name: "on the International Carbon Registry" }).click();
  await expect(page).toHaveURL(/\/icr\/retirements$/);
  await expect(page.getByTestId("retirement").filter({ hasText: "Nordic Bakery Cooperative" })).toContainText(
    /\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/,
  );
  await shootBoth(page, "icr-retirements");
  await page.getByRole("link", { name: "on Carbonmark" }).click();
  await expect(page).toHaveURL(/\/retirements$/);
  await expect(page.getByRole("heading", { name: "Retirements", exact: true })).toBeVisible();

  // Paging: one per page, newest first; bad pages are refused with a reason.
  await page.goto("/retirements?skip=0&first=1");
  await expect(page.getByTestId("retirement")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Newer" })).toHaveCount(0);
  await page.goto("/retirements?skip=1&first=1");
  await expect(page.getByRole("link", { name: "Newer" })).toBeVisible();
  await page.goto("/retirements?skip=-1&first=10");
  await expect(page.getByText("skip must not be negative")).toBeVisible();
  await page.goto("/retirements?skip=0&first=101");
  await expect(page.getByText("first may be at most 100")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/carbonmark-retirements-bad-page.png", fullPage: true });
  await visitor.close();
});

test("[CANCEL] a pending import is cancelled from the portfolio and its reservation released", async ({ browser }) => {
  await requestImport(userPage, "0.5");
  await userPage.goto("/portfolio");
  const row = userPage.getByTestId("import").first();
  await expect(row.getByTestId("import-state")).toHaveText("Waiting for approval on ICR");
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-portfolio-cancel.png", fullPage: true });
  await row.getByRole("button", { name: "Cancel request" }).click();
  await expect(row.getByTestId("import-state")).toHaveText("Cancelled", { timeout: 20_000 });
  await expect(row.getByRole("button", { name: "Cancel request" })).toHaveCount(0);
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-portfolio-cancelled.png", fullPage: true });

  const admin = await signedInIcrContext(browser, world.icr.admin);
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  await expect(requestRowFor(adminPage, user.address).filter({ hasText: "0.5" }).first()).toHaveAttribute(
    "data-state",
    "cancelled",
  );
  await admin.close();
});
