import { importAndAccept, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test } from "./fixtures";
import { holdScripts, startBeforeHydration, throttleCpu, waitForHydration } from "./slow-device.helpers";

// Runs in the "slow-cpu" project (playwright.config.ts): CPU throttled 4×, JavaScript held back while
// the person types. What they type or click before hydration is either refused (the control is disabled
// until the page is ready) or kept and honoured; never silently lost. The user (connected) and its
// organization are this spec's own (e2e/fixtures.ts).
test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);
test.use({ worldOptions: { connected: true } });

const RATE = 4;

test("[SLOW] a registry chosen before the page is ready still lets the person go NEXT", async ({ page, world }) => {
  await throttleCpu(page, RATE);
  await signInToCarbonmark(page, world.carbonmark.user);
  const scripts = await holdScripts(page);
  await page.goto("/import", { waitUntil: "commit" });
  const radio = page.getByRole("radio", { name: /International Carbon Registry/ });
  await radio.waitFor();
  const choosing = startBeforeHydration(radio.check());
  await page.waitForTimeout(500);
  scripts.release();
  await choosing;
  await waitForHydration(page, "input[name=registry]");
  await expect(radio).toBeChecked();
  await expect(page.getByRole("button", { name: "Next" })).toBeEnabled();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/import\/icr$/);
});

test("[SLOW] a quantity typed before the retire form is ready is kept and honoured", async ({
  page,
  browser,
  world,
}) => {
  await throttleCpu(page, RATE);
  const user = world.carbonmark.user;
  await signInToCarbonmark(page, user);
  await importAndAccept(page, browser, user, "3", { timeout: 60_000, admin: world.icr.admin });
  const retireHref =
    (await page
      .getByTestId("holding")
      .first()
      .getByRole("link", { name: /^Retire / })
      .getAttribute("href")) ?? "";
  expect(retireHref).toMatch(/^\/retire\//);

  const scripts = await holdScripts(page);
  await page.goto(retireHref, { waitUntil: "commit" });
  await page.getByLabel("Quantity").waitFor();
  const typing = startBeforeHydration(
    (async () => {
      await page.getByLabel("Quantity").fill("1.5");
      await page.getByLabel("Beneficiary name").fill("Slow Phone Bakery");
    })(),
  );
  await page.waitForTimeout(500);
  scripts.release();
  await typing;
  await waitForHydration(page, "input[name=quantity]");
  await expect(page.getByLabel("Quantity")).toHaveValue("1.5");
  await page.getByRole("button", { name: "Retire credits" }).click();
  await expect(page.locator("#quantity-error")).toHaveCount(0);
  const pin = page.getByRole("dialog", { name: "Confirm the retirement with your PIN" });
  await expect(pin.getByTestId("retire-summary")).toContainText("1.5 tCO₂e");
  await expect(pin.getByTestId("retire-summary")).toContainText("Slow Phone Bakery");
  await pin.getByLabel("PIN").fill(user.pin);
  await pin.getByRole("button", { name: "Confirm retirement" }).click();
  await expect(page).toHaveURL(/\/retirements\/[0-9a-f-]{36}$/, { timeout: 90_000 });
});
