import { type Page } from "@playwright/test";
import pg from "pg";
import { readStackEnvFile } from "../lib/stack/stack-env-file.ts";
import { E2E_DATA_DIR } from "../playwright.config";
import { importAndAccept, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test, type TE2eWorld } from "./fixtures";
import { shootBoth } from "./screens";

// The public proof of a retirement: a user retires through the UI, Carbonmark's page checks the
// chain itself (Verified) and links to the registry's proof (Verified, no sign-in); the registry's
// row is changed in its database → Mismatch naming the field; its details un-finalized → Pending,
// which turns Verified without a reload once they are back. A hidden beneficiary stays off the
// public pages. The user (connected) and its organization are this spec's own (e2e/fixtures.ts).
test.describe.configure({ mode: "serial" });
test.setTimeout(360_000);

let userPage: Page;
let proofUrl = "";
let icrRetirementId = "";

/** The e2e server's database (the URL the throwaway stack gave the app). */
async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: readStackEnvFile(E2E_DATA_DIR).DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

let world: TE2eWorld;

test.beforeAll(async ({ browser, worlds }, testInfo) => {
  world = await worlds.forSpec(testInfo, { connected: true });
  userPage = await (await browser.newContext()).newPage();
});
test.afterAll(async () => {
  await userPage.context().close();
});

test("[PROOF] a retirement made in the UI is Verified on Carbonmark and on the registry's public proof", async ({
  browser,
}) => {
  const user = world.carbonmark.user;
  await signInToCarbonmark(userPage, user);
  await importAndAccept(userPage, browser, user, "3", { admin: world.icr.admin });
  const holding = userPage.getByTestId("holding").first();
  const serialization = ((await holding.locator("td").nth(2).textContent()) ?? "").trim();
  await holding.getByRole("link", { name: `Retire ${serialization}` }).click();
  await userPage.getByLabel("Quantity").fill("1");
  await userPage.getByLabel("Beneficiary name").fill("jane@example.com");
  await userPage.getByRole("button", { name: "Retire credits" }).click();
  await expect(userPage.locator("#beneficiary-error")).toHaveText(
    "The beneficiary's name may not contain an e-mail address: it is published",
  );
  await userPage.getByLabel("Beneficiary name").fill("Acme 2024 Ltd");
  await userPage.getByLabel("Reason").fill("Net zero 2030");
  await userPage.getByRole("button", { name: "Retire credits" }).click();
  const pin = userPage.getByRole("dialog", { name: "Confirm the retirement with your PIN" });
  await pin.getByLabel("PIN").fill(world.carbonmark.user.pin);
  await pin.getByRole("button", { name: "Confirm retirement" }).click();
  await expect(userPage).toHaveURL(/\/retirements\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(userPage.getByTestId("retirement-stage")).toHaveText("Retired, certificate ready");
  await expect(userPage.getByTestId("cm-verdict")).toHaveAttribute("data-verdict", "verified");
  await shootBoth(userPage, "carbonmark-retirement-verdict");

  proofUrl = (await userPage.getByTestId("icr-proof-link").getAttribute("href"))!;
  icrRetirementId = /retirements\/([0-9a-f-]{36})\/proof$/.exec(proofUrl)![1]!;
  // A stranger: a fresh browser, no sign-in anywhere.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(proofUrl);
  await expect(stranger.getByTestId("proof-verdict")).toHaveAttribute("data-verdict", "verified");
  await expect(stranger.getByTestId("proof-chain")).toContainText("Final");
  await expect(stranger.getByTestId("proof-record")).toContainText("Acme 2024 Ltd");
  await shootBoth(stranger, "proof-verified");
  // ICR's public list links to the same proof.
  await stranger.goto(`/icr/retirements?beneficiary=${encodeURIComponent("Acme 2024")}`);
  await expect(stranger.getByTestId("beneficiary-totals")).toContainText("Acme 2024 Ltd");
  await stranger.locator(`#retirement-${icrRetirementId}`).getByTestId("proof-link").click();
  await expect(stranger).toHaveURL(new RegExp(`/icr/retirements/${icrRetirementId}/proof$`));
  await stranger.context().close();
});

test("[PROOF] a changed registry record is a Mismatch naming the field", async ({ page }) => {
  await sql(`UPDATE icr_retirement SET amount = amount + 1 WHERE id = $1`, [icrRetirementId]);
  try {
    await expect(async () => {
      await page.goto(proofUrl);
      await expect(page.getByTestId("proof-verdict")).toHaveAttribute("data-verdict", "mismatch", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("proof-mismatch").locator("[data-field]")).toHaveAttribute("data-field", "amount");
    await shootBoth(page, "proof-mismatch");
  } finally {
    await sql(`UPDATE icr_retirement SET amount = amount - 1 WHERE id = $1`, [icrRetirementId]);
  }
});

test("[PROOF] a retirement whose details are not finalized is Pending, then Verified without a reload", async ({
  page,
}) => {
  const saved = await sql(`SELECT beneficiary, "isClaimed" FROM icr_retirement WHERE id = $1`, [icrRetirementId]);
  await sql(`UPDATE icr_retirement SET "isClaimed" = false WHERE id = $1`, [icrRetirementId]);
  await expect(async () => {
    await page.goto(proofUrl);
    await expect(page.getByTestId("proof-verdict")).toHaveAttribute("data-verdict", "pending", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("proof-waiting")).toContainText("the retiree to finalize the details");
  await shootBoth(page, "proof-pending");
  let loads = 0;
  page.on("load", () => loads++);
  await sql(`UPDATE icr_retirement SET "isClaimed" = $2 WHERE id = $1`, [icrRetirementId, saved.rows[0].isClaimed]);
  await expect(page.getByTestId("proof-verdict")).toHaveAttribute("data-verdict", "verified", { timeout: 30_000 });
  expect(loads).toBe(0);
});

test("[PROOF] a hidden beneficiary is on no public page before its date", async ({ page }) => {
  const until = new Date(Date.now() + 90 * 24 * 3600_000);
  await sql(`UPDATE icr_retirement SET "beneficiaryHiddenUntil" = $2 WHERE id = $1`, [icrRetirementId, until]);
  await sql(`UPDATE cm_retirement SET "beneficiaryHiddenUntil" = $2 WHERE "icrRetirementId" = $1`, [
    icrRetirementId,
    until,
  ]);
  try {
    await expect(async () => {
      await page.goto(proofUrl);
      await expect(page.getByTestId("proof-record")).toContainText("Hidden by the retiree", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("proof-verdict")).toHaveAttribute("data-verdict", "verified");
    for (const url of [proofUrl, "/icr/retirements", `/icr/retirements?id=${icrRetirementId}`, "/retirements"]) {
      await page.goto(url);
      await expect(page.locator("body")).not.toContainText("Acme 2024 Ltd");
    }
    await page.goto("/icr/retirements?beneficiary=Acme");
    await expect(page.locator(`#retirement-${icrRetirementId}`)).toHaveCount(0);
  } finally {
    await sql(`UPDATE icr_retirement SET "beneficiaryHiddenUntil" = NULL WHERE id = $1`, [icrRetirementId]);
  }
});
