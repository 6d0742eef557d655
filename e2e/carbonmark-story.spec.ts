import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { readCsv } from "../lib/carbonmark/statements/read-csv.test-helper";
import {
  connectToIcr,
  PASSWORD,
  PIN,
  requestImport,
  requestRowFor,
  signUpWithWallet,
  type TCmUser,
} from "./carbonmark-helpers";
import { icrContext } from "./icr-helpers";
import { shootBoth } from "./screens";

// The whole story as two people: a Carbonmark user and the ICR organization's admin, each in
// their own browser context. Serial: later tests continue with the credits of earlier ones.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let user: TCmUser;
let userPage: Page;
let inventoryUrl = "";
let verdantInstallationId = "";
let exportTxHash = "";
let proofUrl = "";

/** The organization's credits on the admin's inventory page: serialization → amount in thousandths (exact). */
async function inventoryAmounts(adminPage: Page): Promise<Map<string, bigint>> {
  const amounts = new Map<string, bigint>();
  for (const row of await adminPage.getByTestId("credit-row").all()) {
    const serialization = (await row.locator('[data-label="Serialization"]').textContent())?.trim() ?? "";
    const [whole, fraction = ""] = ((await row.locator('[data-label="Amount"]').textContent()) ?? "")
      .replace(/[,\s]/g, "")
      .split(".");
    amounts.set(serialization, BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, "0")));
  }
  return amounts;
}

/** The serialization of the user's first holding on the portfolio. */
async function holdingSerialization(page: Page): Promise<string> {
  const cell = page.getByTestId("holding").first().locator('[data-label="Serialization"]');
  return (await cell.textContent())?.trim() ?? "";
}

/** What changed between two inventory readings, as "serialization +amount" lines. */
function inventoryChanges(before: Map<string, bigint>, after: Map<string, bigint>): string[] {
  const changes: string[] = [];
  for (const [serialization, amount] of after) {
    const delta = amount - (before.get(serialization) ?? 0n);
    if (delta === 0n) continue;
    const size = delta < 0n ? -delta : delta;
    const fraction = (size % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
    changes.push(`${serialization} ${delta < 0n ? "-" : "+"}${size / 1000n}${fraction ? `.${fraction}` : ""}`);
  }
  return changes;
}

test.beforeAll(async ({ browser }) => {
  userPage = await (await browser.newContext()).newPage();
});
test.afterAll(async () => {
  await userPage.context().close();
});

test("[ACCOUNT] a visitor is sent to sign in, signs up, sets a PIN twice and lands on an empty portfolio", async ({
  page,
}) => {
  await page.goto("/portfolio");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fportfolio/);
  await page.getByLabel("Email").fill("nobody@carbonmark.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The email or the password is not right." })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/carbonmark-sign-in.png", fullPage: true });

  user = await signUpWithWallet(userPage, { screenshots: true });
  await expect(userPage.getByTestId("no-holdings")).toBeVisible();
  await expect(userPage.getByRole("link", { name: "Import carbon credits" })).toBeVisible();
  await expect(userPage.getByRole("link", { name: "Export carbon credits" })).toBeVisible();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-portfolio-empty.png", fullPage: true });

  // EXPORT with an empty wallet: nothing to export yet, not Connect and Install first.
  await userPage.getByRole("link", { name: "Export carbon credits" }).click();
  await expect(userPage.getByTestId("nothing-to-export")).toContainText("Nothing to export yet");
  await expect(userPage.getByRole("radio", { name: /International Carbon Registry/ })).toHaveCount(0);
  await shootBoth(userPage, "carbonmark-export-empty-wallet");
  await userPage.goto("/export/icr");
  await expect(userPage.getByTestId("nothing-to-export")).toBeVisible();
  await expect(userPage.getByRole("button", { name: "Connect to ICR" })).toHaveCount(0);
  await userPage.goto("/activity");
  await expect(userPage.getByTestId("no-activity")).toBeVisible();
  await shootBoth(userPage, "carbonmark-activity-empty");
});

test("[ACCOUNT] a returning user signs in through the sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await expect(page.getByTestId("address").first()).toHaveText(user.address);
});

test("[CONNECT] connecting to ICR installs the app and says the window may be closed", async () => {
  await connectToIcr(userPage, { screenshots: true });
  verdantInstallationId = new URL(userPage.url()).searchParams.get("installationId") ?? "";
  expect(verdantInstallationId).toMatch(/^[0-9a-f-]{36}$/);
  await userPage.getByRole("link", { name: "Continue" }).click();
  await expect(userPage.getByRole("heading", { name: "Import credits" })).toBeVisible();
  await expect(userPage.getByTestId("org-name")).toHaveText("Verdant Forest Holdings");
});

test("[CONNECT] a stranger's own state with Verdant's installationId waits for ICR's proof and never connects", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signUpWithWallet(page);
  await page.goto("/settings/connection");
  await page.getByRole("button", { name: "Connect to ICR" }).click();
  await page.waitForURL(/\/icr\//); // ICR's sign-in: the stranger has no ICR account
  const inner = new URL(page.url()).searchParams.get("returnTo") ?? page.url();
  const state = new URL(inner, page.url()).searchParams.get("state") ?? "";
  expect(state.length).toBeGreaterThan(16);

  await page.goto(`/connect/icr/callback?state=${encodeURIComponent(state)}&installationId=${verdantInstallationId}`);
  await expect(page.getByText("Waiting for ICR to confirm…")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Successfully connected to ICR")).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/carbonmark-connect-waiting.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/carbonmark-connect-waiting-mobile.png", fullPage: true });
  await page.goto("/settings/connection");
  await expect(page.getByTestId("not-connected")).toBeVisible();
  await ctx.close();
});

test("[IMPORT] bad quantities are refused with a reason and request nothing", async () => {
  await userPage.goto("/import/icr");
  await userPage.getByRole("button", { name: "Transfer credits" }).click();
  await expect(userPage.getByText("Select an asset to import.")).toBeVisible();
  await userPage.getByTestId("credit-picker").getByRole("radio").first().check();
  const quantity = userPage.getByLabel("Quantity");
  const cases: [string, RegExp][] = [
    ["0", /at least 0.001/],
    ["-1", /must be at least 0.001/],
    ["1e3", /plain number/],
    ["0.0001", /at most 3 decimals/],
    ["abc", /plain number/],
    ["99999999", /at most/],
  ];
  for (const [value, message] of cases) {
    await quantity.fill(value);
    await userPage.getByRole("button", { name: "Transfer credits" }).click();
    await expect(userPage.locator("#quantity-error")).toHaveText(message);
    await expect(userPage.getByRole("dialog")).toHaveCount(0);
  }
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-import-bad-quantity.png", fullPage: true });
});

test("[IMPORT] accepted request shows credits without reload", async ({ browser }) => {
  const firstAvailable = () => userPage.getByTestId("credit-picker").locator("tbody tr").first().locator("td").last();
  await userPage.goto("/import/icr");
  const before = Number((await firstAvailable().textContent())?.replace(/,/g, ""));
  const dialog = await requestImport(userPage, "2.5", { screenshots: true });
  await expect(dialog).toContainText("requested successfully");
  await shootBoth(userPage, "carbonmark-import-requested-dialog");
  // Behind the dialog the available amount has already dropped: no reload, no stale figure.
  await expect
    .poll(async () => Number((await firstAvailable().textContent())?.replace(/,/g, "")))
    .toBe(Math.round((before - 2.5) * 1000) / 1000);
  inventoryUrl = (await dialog.getByRole("link", { name: /ICR inventory/ }).getAttribute("href")) ?? "";
  expect(inventoryUrl).toMatch(/\/icr\/organizations\/[0-9a-f-]{36}\/inventory$/);
  await expect(userPage.getByText("IMPORTANT: check the address before anything moves")).toBeVisible();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-import-requested.png", fullPage: true });

  await userPage.goto("/portfolio");
  const pending = userPage.getByTestId("import").first();
  await expect(pending.getByTestId("import-state")).toHaveText("Waiting for approval on ICR");
  await expect(userPage.getByTestId("polling")).toBeVisible();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-portfolio-waiting.png", fullPage: true });

  // The admin, elsewhere, accepts the one request the double click made.
  const admin = await icrContext(browser, "admin");
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  await expect(requestRowFor(adminPage, user.address)).toHaveCount(1);
  await requestRowFor(adminPage, user.address).getByRole("button", { name: "Accept" }).click();
  await expect(requestRowFor(adminPage, user.address).getByTestId("who-asked")).toContainText(
    `Requested by Carbonmark for ${user.email}, Erin E2E (name self-declared)`,
  );
  const confirm = adminPage.getByRole("dialog", { name: "Accept this transfer?" });
  await expect(confirm.getByTestId("address")).toHaveText(user.address);
  await expect(confirm.getByTestId("who-asked")).toContainText(user.email);
  await expect(confirm.getByTestId("who-asked")).toContainText("ICR user");
  await shootBoth(adminPage, "icr-accept-dialog");
  await adminPage.screenshot({ path: "e2e/screenshots/icr-accept-who-asked.png" });
  await adminPage.setViewportSize({ width: 390, height: 844 });
  await adminPage.screenshot({ path: "e2e/screenshots/icr-accept-who-asked-mobile.png" });
  await confirm.getByRole("button", { name: "Accept transfer" }).click();
  await admin.close();

  // No reload: the portfolio polls and fills itself.
  await expect(userPage.getByTestId("holding-amount").first()).toHaveText("2.5", { timeout: 45_000 });
  await expect(pending.getByTestId("import-state")).toHaveText("Arrived in your wallet", { timeout: 15_000 });
  await expect(pending.getByTestId("import-tx")).toHaveText(/^0x[0-9a-f]{64}$/);
  await expect(userPage.getByTestId("polling")).toHaveCount(0);
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-portfolio-arrived.png", fullPage: true });
});

test("[IMPORT] a declined request shows as declined without reload", async ({ browser }) => {
  await requestImport(userPage, "0.001");
  await userPage.goto("/portfolio");
  const row = userPage.getByTestId("import").first();
  await expect(row.getByTestId("import-state")).toHaveText("Waiting for approval on ICR");

  const admin = await icrContext(browser, "admin");
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  const request = requestRowFor(adminPage, user.address).filter({
    has: adminPage.getByRole("button", { name: "Decline" }),
  });
  await request.getByRole("button", { name: "Decline" }).click();
  await adminPage
    .getByRole("dialog", { name: "Decline this request?" })
    .getByRole("button", { name: "Decline request" })
    .click();
  await admin.close();

  await expect(row.getByTestId("import-state")).toHaveText("Declined on ICR", { timeout: 20_000 });
  await expect(userPage.getByTestId("holding-amount").first()).toHaveText("2.5");
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-portfolio-declined.png", fullPage: true });
});

test("[EXPORT] credits go back to the organization after the PIN, and the admin's inventory shows them", async ({
  browser,
}) => {
  // What the organization holds before: the export must add exactly its amount to one credit.
  const admin = await icrContext(browser, "admin");
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  await expect(adminPage.getByTestId("credit-row").first()).toBeVisible();
  const before = await inventoryAmounts(adminPage);
  await userPage.goto("/portfolio");
  const serialization = await holdingSerialization(userPage);
  expect(before.has(serialization)).toBe(true);

  await userPage.getByRole("link", { name: "Export carbon credits" }).click();
  await userPage.getByRole("radio", { name: /International Carbon Registry/ }).check();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-export-choose-registry.png", fullPage: true });
  await userPage.getByRole("button", { name: "Next" }).click();
  await expect(userPage.getByRole("heading", { name: "Export credits" })).toBeVisible();
  await userPage.getByTestId("credit-picker").getByRole("radio").first().check();
  await userPage.getByLabel("Quantity").fill("3");
  await userPage.getByRole("button", { name: "Transfer credits" }).click();
  await expect(userPage.locator("#quantity-error")).toHaveText(/at most 2.5/);
  await userPage.getByLabel("Quantity").fill("1.25");
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-export-credits.png", fullPage: true });
  await userPage.getByRole("button", { name: "Transfer credits" }).click();

  const pinDialog = userPage.getByRole("dialog", { name: "Confirm with your PIN" });
  await expect(pinDialog).toContainText("This transaction is irreversible.");
  await expect(pinDialog.getByTestId("pin-dialog-org")).toHaveText("Verdant Forest Holdings");
  const orgAddress = (await pinDialog.getByTestId("address").textContent())?.trim() ?? "";
  expect(orgAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-export-pin.png", fullPage: true });
  await shootBoth(userPage, "carbonmark-export-pin-dialog");
  await pinDialog.getByLabel("PIN").fill(PIN);
  await pinDialog.getByRole("button", { name: "Confirm transfer" }).click();

  const done = userPage.getByRole("dialog", { name: "Credits transferred" });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText("1.25 credits were sent to Verdant Forest Holdings");
  // Behind the dialog the wallet amount has already dropped from 2.5.
  await expect(userPage.getByTestId("credit-picker").locator("tbody tr").first().locator("td").last()).toHaveText(
    "1.25",
  );
  const txHash = (await done.locator("code").textContent())?.trim() ?? "";
  expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
  exportTxHash = txHash;
  const link = await done.getByRole("link", { name: /ICR inventory/ }).getAttribute("href");
  expect(link).toBe(inventoryUrl);
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-export-done.png", fullPage: true });

  await userPage.goto("/portfolio");
  await expect(userPage.getByTestId("holding-amount").first()).toHaveText("1.25");

  // The export stays in the activity list with its date, state, amount and copyable hash.
  await userPage.getByRole("link", { name: "Activity" }).click();
  const exported = userPage.locator('[data-testid="activity"][data-kind="export"]').first();
  await expect(exported).toContainText("Export to ICR · 1.25 tCO₂e");
  await expect(exported.getByTestId("activity-state")).toHaveText("Delivered to ICR");
  await expect(exported.getByTestId("tx-hash")).toHaveText(txHash);
  await expect(exported.getByTestId("activity-time")).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC$/);
  await expect(exported.getByRole("button", { name: "Copy hash" })).toBeVisible();
  const imports = userPage.locator('[data-testid="activity"][data-kind="import"]');
  await expect(imports.filter({ hasText: "Arrived in your wallet" })).toHaveCount(1);
  await expect(imports.filter({ hasText: "Declined on ICR" })).toHaveCount(1);
  await shootBoth(userPage, "carbonmark-activity");

  // The admin's inventory (read from the chain) holds exactly 1.25 more of that credit, and nothing else moved.
  await adminPage.goto(link!);
  await expect(adminPage.getByText(orgAddress).first()).toBeVisible();
  await expect
    .poll(async () => {
      await adminPage.reload();
      await expect(adminPage.getByTestId("credit-row").first()).toBeVisible();
      return inventoryChanges(before, await inventoryAmounts(adminPage));
    })
    .toEqual([`${serialization} +1.25`]);
  await adminPage.screenshot({ path: "e2e/screenshots/carbonmark-icr-inventory-after-export.png", fullPage: true });
  await admin.close();
});

test("[RETIRE] the user retires part of the rest with the PIN; the retirement links its proof on ICR", async () => {
  await userPage.goto("/portfolio");
  const serialization = await holdingSerialization(userPage);
  await userPage.getByRole("link", { name: `Retire ${serialization}` }).click();
  await expect(userPage.getByRole("heading", { name: "Retire credits" })).toBeVisible();
  await userPage.getByLabel("Quantity").fill("0.25");
  await userPage.getByLabel("Beneficiary name").fill("Erin's Story Bakery");
  await userPage.getByLabel("Reason").fill("Story retirement");
  await userPage.getByRole("button", { name: "Retire credits" }).click();
  const pin = userPage.getByRole("dialog", { name: "Confirm the retirement with your PIN" });
  await pin.getByLabel("PIN").fill(PIN);
  await pin.getByRole("button", { name: "Confirm retirement" }).click();
  await expect(userPage).toHaveURL(/\/retirements\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  // The registry records it (and its proof) once the transfer is final: on the polygon profile that takes blocks.
  await expect(async () => {
    await userPage.reload();
    await expect(userPage.getByTestId("retirement-stage")).toHaveText("Retired, certificate ready", { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  proofUrl = (await userPage.getByRole("link", { name: "Proof on ICR" }).getAttribute("href")) ?? "";
  expect(proofUrl).toMatch(/\/retirements\/[0-9a-f-]{36}\/proof$/);
  await userPage.goto("/portfolio");
  await expect(userPage.getByTestId("holding-amount").first()).toHaveText("1");
});

test("[STATEMENTS] the activity CSV has the story's import, decline, export and retirement; the retirement report totals them with the proof link", async () => {
  await userPage.goto("/statements");
  await expect(userPage.getByRole("heading", { name: "Statements" })).toBeVisible();
  const [download] = await Promise.all([
    userPage.waitForEvent("download"),
    userPage.getByTestId("activity-csv").click(),
  ]);
  expect(download.suggestedFilename()).toBe("carbonmark-activity.csv");
  const [header, ...rows] = readCsv(readFileSync(await download.path(), "utf8"));
  const col = (row: string[], name: string) => row[header.indexOf(name)];
  expect(rows.map((r) => [col(r, "type"), col(r, "direction"), col(r, "amount_tco2e")])).toEqual([
    ["import", "in", "2.5"],
    ["import", "in", "0.001"],
    ["export", "out", "1.25"],
    ["retirement", "out", "0.25"],
  ]);
  expect(rows.map((r) => col(r, "state")).slice(0, 2)).toEqual(["processed", "rejected"]);
  expect(col(rows[2], "tx_hash")).toBe(exportTxHash);
  expect(col(rows[3], "beneficiary")).toBe("Erin's Story Bakery");
  expect(col(rows[3], "icr_retirement_id")).toBe(/\/retirements\/([0-9a-f-]{36})\/proof$/.exec(proofUrl)?.[1]);

  // "Open report" is a plain GET form: the PDF it opens names the total, the beneficiary and the proof link.
  const [report] = await Promise.all([
    userPage
      .context()
      .waitForEvent("response", (r) => new URL(r.url()).pathname === "/api/carbonmark/retirement-report"),
    userPage.getByTestId("retirement-report").click(),
  ]);
  expect(report.status()).toBe(200);
  expect(report.headers()["content-type"]).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await (await userPage.request.get(report.url())).body()) });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  expect(text).toContain("0.25 tCO₂e retired in 1 retirement");
  expect(text).toContain("Beneficiary: Erin's Story Bakery");
  expect(text).toContain(`proof: ${proofUrl}`);
});

test("[SETTINGS] the connection page shows the organization and can reconnect and disconnect", async () => {
  await userPage.goto("/settings/connection");
  await expect(userPage.getByTestId("connected-org")).toHaveText("Verdant Forest Holdings");
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-settings-connection.png", fullPage: true });
  await userPage.getByRole("button", { name: "Disconnect" }).click();
  await shootBoth(userPage, "carbonmark-disconnect-dialog");
  await userPage.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(userPage.getByTestId("not-connected")).toBeVisible();
  await expect(userPage.getByRole("status").filter({ hasText: "Disconnected from ICR." })).toBeVisible();
  await shootBoth(userPage, "carbonmark-settings-disconnected");
  // Installing again is harmless and brings the connection back.
  await userPage.getByRole("button", { name: "Connect to ICR" }).click();
  await expect(userPage.getByRole("heading", { name: "Install Carbonmark" })).toBeVisible();
  await userPage.getByRole("radio", { name: /Verdant Forest Holdings/ }).check();
  await userPage.getByRole("button", { name: "Install" }).click();
  await expect(userPage.getByText("Successfully connected to ICR, you may now close this window")).toBeVisible();
  await userPage.getByRole("link", { name: "Continue" }).click();
  await expect(userPage.getByTestId("connected-org")).toHaveText("Verdant Forest Holdings");
});

test("[ACCOUNT] changing the PIN needs the current one: a wrong one is refused and changes nothing", async () => {
  await userPage.goto("/settings/pin");
  await userPage.getByLabel("Current PIN").fill("111111");
  await userPage.getByLabel("New PIN", { exact: true }).fill("135790");
  await userPage.getByLabel("Repeat the new PIN").fill("135791");
  await userPage.getByRole("button", { name: "Change PIN" }).click();
  await expect(userPage.getByText("The two new PINs are not the same")).toBeVisible();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-change-pin.png", fullPage: true });

  // A wrong current PIN with a valid new one: refused, and counted toward the lock.
  await userPage.getByLabel("Repeat the new PIN").fill("135790");
  await userPage.getByRole("button", { name: "Change PIN" }).click();
  await expect(userPage.getByRole("alert").filter({ hasText: /^Wrong PIN\. 4 attempts left/ })).toBeVisible();
  await expect(userPage.getByText("Your PIN was changed.")).toHaveCount(0);

  // The PIN is unchanged: the old one is still the current one (and 135790 was never set).
  await userPage.getByLabel("Current PIN").fill("135790");
  await userPage.getByLabel("New PIN", { exact: true }).fill("975310");
  await userPage.getByLabel("Repeat the new PIN").fill("975310");
  await userPage.getByRole("button", { name: "Change PIN" }).click();
  await expect(userPage.getByRole("alert").filter({ hasText: /^Wrong PIN\. 3 attempts left/ })).toBeVisible();
  await userPage.getByLabel("Current PIN").fill(PIN);
  await userPage.getByRole("button", { name: "Change PIN" }).click();
  await expect(userPage.getByText("Your PIN was changed.")).toBeVisible();
});

test("[EXPORT] five wrong PINs lock exports for 15 minutes and the page says until when", async () => {
  await userPage.goto("/export/icr");
  await userPage.getByTestId("credit-picker").getByRole("radio").first().check();
  await userPage.getByLabel("Quantity").fill("0.001");
  await userPage.getByRole("button", { name: "Transfer credits" }).click();
  const pinDialog = userPage.getByRole("dialog", { name: "Confirm with your PIN" });
  await pinDialog.getByLabel("PIN").fill("12a");
  await pinDialog.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(pinDialog.getByRole("alert").last()).toHaveText("The PIN is exactly 6 digits");
  for (let i = 1; i <= 4; i++) {
    await pinDialog.getByLabel("PIN").fill("000000");
    await pinDialog.getByRole("button", { name: "Confirm transfer" }).click();
    await expect(pinDialog.getByRole("alert").last()).toHaveText(new RegExp(`Wrong PIN. ${5 - i} attempts? left`), {
      timeout: 15_000,
    });
  }
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-export-wrong-pin.png", fullPage: true });
  await pinDialog.getByLabel("PIN").fill("000000");
  await pinDialog.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(pinDialog.getByRole("alert").last()).toHaveText(/locked until \d\d:\d\d UTC/, { timeout: 15_000 });

  await userPage.goto("/export/icr");
  await expect(userPage.getByText("Exports are locked")).toBeVisible();
  await expect(userPage.getByText(/You can export again after \d\d:\d\d UTC/)).toBeVisible();
  await expect(userPage.getByRole("button", { name: "Transfer credits" })).toBeDisabled();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-export-locked.png", fullPage: true });
  await userPage.goto("/portfolio");
  await expect(userPage.getByTestId("holding-amount").first()).toHaveText("1");
});

test("[ACCOUNT] a session that ends mid-flow: the form says so and nothing is requested", async () => {
  await userPage.goto("/import/icr");
  await userPage.getByTestId("credit-picker").getByRole("radio").first().check();
  await userPage.getByLabel("Quantity").fill("0.001");
  // Signed out in another tab of the same browser.
  const other = await userPage.context().newPage();
  await other.goto("/portfolio");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/sign-in/);
  await other.close();

  await userPage.getByRole("button", { name: "Transfer credits" }).click();
  await expect(
    userPage.getByRole("alert").filter({ hasText: "Your session has expired. Sign in again; nothing was changed." }),
  ).toBeVisible();
  await expect(userPage.getByRole("dialog")).toHaveCount(0);
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-session-expired.png", fullPage: true });
  await userPage.goto("/portfolio");
  await expect(userPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fportfolio/);
});
