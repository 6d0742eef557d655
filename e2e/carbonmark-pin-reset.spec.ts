import { type Page } from "@playwright/test";
import { shootBoth } from "./screens";
import { importAndAccept, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test, type TE2eWorld } from "./fixtures";

// A forgotten PIN: the PIN dialog's error links to the reset, the account password sets a new PIN,
// and retirements are then held for 24 h with the reason shown. The user (connected) and its
// organization are this spec's own (e2e/fixtures.ts).
test.describe.configure({ mode: "serial" });
test.setTimeout(150_000);

let world: TE2eWorld;
let userPage: Page;

test.beforeAll(async ({ browser, worlds }, testInfo) => {
  world = await worlds.forSpec(testInfo, { connected: true });
  userPage = await (await browser.newContext()).newPage();
});
test.afterAll(async () => {
  await userPage.context().close();
});

async function openRetirePinDialog(page: Page) {
  await page.goto("/portfolio");
  await page
    .getByTestId("holding")
    .first()
    .getByRole("link", { name: /^Retire / })
    .click();
  await page.getByLabel("Quantity").fill("0.5");
  await page.getByLabel("Beneficiary name").fill("Reset Tester");
  await page.getByLabel("Reason").fill("PIN reset check");
  await page.getByRole("button", { name: "Retire credits" }).click();
  return page.getByRole("dialog", { name: "Confirm the retirement with your PIN" });
}

test("[PIN] a forgotten PIN is reset with the account password, and retiring is then held with the reason", async ({
  browser,
}) => {
  const user = world.carbonmark.user;
  await signInToCarbonmark(userPage, user);
  await importAndAccept(userPage, browser, user, "1", { admin: world.icr.admin });

  // A wrong PIN: the error offers the reset.
  let dialog = await openRetirePinDialog(userPage);
  await dialog.getByLabel("PIN").fill("000000");
  await dialog.getByRole("button", { name: "Confirm retirement" }).click();
  await expect(dialog.getByRole("alert").last()).toHaveText(/Wrong PIN. 4 attempts left/, { timeout: 15_000 });
  await dialog.getByRole("link", { name: "Forgot your PIN? Reset it with your account password" }).click();

  await expect(userPage.getByRole("heading", { name: "Reset a forgotten PIN" })).toBeVisible();
  await expect(userPage.getByText("After a reset, exports and retirements are held for 24 hours")).toBeVisible();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-pin-reset.png", fullPage: true });
  await userPage.setViewportSize({ width: 390, height: 844 });
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-pin-reset-mobile.png", fullPage: true });
  await userPage.setViewportSize({ width: 1280, height: 900 });

  await userPage.getByLabel("Account password").fill("not-the-password");
  await userPage.getByLabel("New PIN", { exact: true }).fill("975310");
  await userPage.getByLabel("Repeat the new PIN").fill("975310");
  await userPage.getByRole("button", { name: "Reset PIN" }).click();
  await expect(
    userPage.getByRole("alert").filter({ hasText: "That is not your account password. Nothing was changed." }),
  ).toBeVisible({ timeout: 15_000 });

  // The form starts empty again after an answer.
  await userPage.getByLabel("Account password").fill(user.password);
  await userPage.getByLabel("New PIN", { exact: true }).fill("975310");
  await userPage.getByLabel("Repeat the new PIN").fill("975310");
  await userPage.getByRole("button", { name: "Reset PIN" }).click();
  await expect(userPage.getByText("Your PIN was reset")).toBeVisible({ timeout: 15_000 });
  await expect(
    userPage.getByText(/exports and retirements are held until \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/),
  ).toBeVisible();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-pin-reset-done.png", fullPage: true });

  // The old PIN no longer works; the new one does, but retiring waits and says why.
  dialog = await openRetirePinDialog(userPage);
  await expect(userPage.getByText("Exports and retirements are on hold")).toBeVisible();
  await dialog.getByLabel("PIN").fill(user.pin);
  await dialog.getByRole("button", { name: "Confirm retirement" }).click();
  await expect(dialog.getByRole("alert").last()).toHaveText(/Wrong PIN/, { timeout: 15_000 });
  await dialog.getByLabel("PIN").fill("975310");
  await dialog.getByRole("button", { name: "Confirm retirement" }).click();
  await expect(dialog.getByRole("alert").last()).toHaveText(
    /Your PIN was reset recently. For your safety, exports and retirements are held until \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/,
    { timeout: 15_000 },
  );
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-retire-held.png", fullPage: true });

  await userPage.goto("/settings/pin");
  await expect(userPage.getByText("Exports and retirements are on hold")).toBeVisible();
  await expect(
    userPage.getByRole("link", { name: "Forgot your PIN? Reset it with your account password" }),
  ).toBeVisible();
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-settings-pin-held.png", fullPage: true });
  // Changing the PIN says so beside the form (an inline status, not a toast).
  await userPage.getByLabel("Current PIN").fill("975310");
  await userPage.getByLabel("New PIN", { exact: true }).fill("864200");
  await userPage.getByLabel("Repeat the new PIN").fill("864200");
  await userPage.getByRole("button", { name: "Change PIN" }).click();
  await expect(userPage.getByRole("status").filter({ hasText: "Your PIN was changed." })).toBeVisible({
    timeout: 15_000,
  });
  await shootBoth(userPage, "carbonmark-change-pin-done");
  await userPage.goto("/portfolio");
  await expect(userPage.getByTestId("holding-amount").first()).toHaveText("1");
});
