import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page } from "@playwright/test";
import { PASSWORD, requestImport, importAndAccept, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test, type TE2eWorld } from "./fixtures";
import { signedInIcrContext } from "./icr-helpers";

// Every page kind, signed out, as a Carbonmark user with holdings and as an ICR admin:
// no sideways scrolling on a phone (390×844) nor at 200 % zoom (640 px), no axe violation of any
// impact (the issue asks for none serious or critical; the rest were few enough to fix too), and a screenshot at 1280×900 and 390×844 (e2e/screenshots/page-*.png) to look at.
// The users and organizations are the spec's own (e2e/fixtures.ts): each test that needs holdings
// has its own connected world, so the tests run alone or in any order.
test.setTimeout(420_000);
test.use({ worldOptions: { connected: true } }); // the admin's apps page lists the installation

const PHONE = { width: 390, height: 844 };
const ZOOM_200 = { width: 640, height: 450 };
const DESKTOP = { width: 1280, height: 900 };

type TAxeRow = { page: string; who: string; violations: string[] };
const axeReport: TAxeRow[] = [];

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** Visits `url` at every size, checks overflow and axe, and screenshots it as `name`. */
async function checkPage(
  page: Page,
  who: string,
  name: string,
  url: string,
  ready: (p: Page) => Promise<void> = async () => {},
) {
  for (const size of [PHONE, ZOOM_200, DESKTOP]) {
    await page.setViewportSize(size);
    await page.goto(url);
    await ready(page);
    const { scrollWidth, innerWidth } = await horizontalOverflow(page);
    expect.soft(scrollWidth, `${name} (${who}) at ${size.width}px scrolls sideways`).toBeLessThanOrEqual(innerWidth);
    if (size !== ZOOM_200)
      await page.screenshot({ path: `e2e/screenshots/page-${name}-${size.width}.png`, fullPage: true });
    if (size === PHONE || size === DESKTOP) {
      const axe = await new AxeBuilder({ page }).analyze();
      axeReport.push({
        page: name,
        who,
        violations: axe.violations.map((v) => `${v.id}(${v.impact}, ${v.nodes.length})@${size.width}`),
      });
      expect
        .soft(
          axe.violations.map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help} — ${v.nodes
                .map((n) => n.target.join(" "))
                .slice(0, 3)
                .join(", ")}`,
          ),
          `${name} (${who}) at ${size.width}px`,
        )
        .toEqual([]);
    }
  }
}

test.afterAll(() => {
  console.log("axe (all impacts):");
  for (const r of axeReport) console.log(`  ${r.who} ${r.page}: ${r.violations.join(" ") || "none"}`);
});

test("[PAGES] signed out, every page fits a phone and passes axe", async ({ page }) => {
  await checkPage(page, "signed out", "landing", "/");
  await checkPage(page, "signed out", "sign-in", "/sign-in");
  await checkPage(page, "signed out", "sign-up", "/sign-up");
  await checkPage(page, "signed out", "retirements", "/retirements");
  await checkPage(page, "signed out", "icr-sign-in", "/icr/sign-in");
  await checkPage(page, "signed out", "icr-retirements", "/icr/retirements");
  await checkPage(page, "signed out", "icr-docs", "/icr/docs");
  await checkPage(page, "signed out", "forgot-password", "/forgot-password");
  await checkPage(page, "signed out", "reset-password-used-link", "/reset-password?token=used");
  await checkPage(page, "signed out", "freeze-used-link", "/account/freeze?token=used");
  await checkPage(page, "signed out", "verify-email-used-link", "/verify-email?token=used");
  // Signed up, wallet not made yet: the PIN page.
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Pat Phone");
  await page.getByLabel("Email").fill(`pages-${Date.now()}@carbonmark.test`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Set your wallet PIN" })).toBeVisible();
  await checkPage(page, "new user", "set-pin", "/wallet/set-pin");
  await checkPage(page, "new user", "settings-account-unverified", "/settings/account");
});

let retirementUrl = "";

async function userWithHoldings(browser: Browser, world: TE2eWorld) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const user = world.carbonmark.user;
  await signInToCarbonmark(page, user);
  await importAndAccept(page, browser, user, "3", { timeout: 60_000, admin: world.icr.admin });
  await requestImport(page, "0.5"); // one pending import on the portfolio too
  return { ctx, page, user };
}

test("[PAGES] as a Carbonmark user with holdings, every page fits a phone and passes axe", async ({
  browser,
  worlds,
}, testInfo) => {
  const { ctx, page, user } = await userWithHoldings(
    browser,
    await worlds.forSpec(testInfo, { connected: true }, "holdings"),
  );
  await page.goto("/portfolio");
  const retireHref =
    (await page
      .getByTestId("holding")
      .first()
      .getByRole("link", { name: /^Retire / })
      .getAttribute("href")) ?? "";
  const holdingsShown = async (p: Page) =>
    void (await expect(p.getByTestId("holding-amount").first()).toHaveText("3", { timeout: 30_000 }));
  await checkPage(page, "user", "portfolio", "/portfolio", holdingsShown);
  await checkPage(page, "user", "import", "/import");
  await checkPage(page, "user", "import-icr", "/import/icr");
  await checkPage(page, "user", "export", "/export");
  await checkPage(page, "user", "export-icr", "/export/icr");
  await checkPage(page, "user", "retire", retireHref);
  await checkPage(page, "user", "settings-connection", "/settings/connection");
  await checkPage(page, "user", "settings-pin", "/settings/pin");
  await checkPage(page, "user", "settings-pin-reset", "/settings/pin/reset");
  await checkPage(page, "user", "settings-notifications", "/settings/notifications");
  await checkPage(page, "user", "settings-account", "/settings/account");
  await checkPage(page, "user", "activity", "/activity");
  // ICR's redirect back with a broken link (no installationId): the callback explains and connects nothing.
  await checkPage(page, "user", "connect-callback-bad-link", "/connect/icr/callback?state=broken");
  await checkPage(page, "user", "retirements-user", "/retirements");

  // On a phone the header's links sit behind a Menu disclosure that a keyboard opens too.
  await page.setViewportSize(PHONE);
  await page.goto("/portfolio");
  await expect(page.getByRole("link", { name: "Settings" })).toBeHidden();
  await page.getByText("Menu", { exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/page-portfolio-menu-390.png" });

  await page.goto(retireHref);
  await page.getByLabel("Quantity").fill("0.5");
  await page.getByLabel("Beneficiary name").fill("Phone Test Cooperative");
  await page.getByRole("button", { name: "Retire credits" }).click();
  const pin = page.getByRole("dialog", { name: "Confirm the retirement with your PIN" });
  await pin.getByLabel("PIN").fill(user.pin);
  await page.screenshot({ path: "e2e/screenshots/page-retire-pin-390.png", fullPage: true });
  await pin.getByRole("button", { name: "Confirm retirement" }).click();
  await expect(page).toHaveURL(/\/retirements\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  retirementUrl = new URL(page.url()).pathname;
  await checkPage(page, "user", "retirement", retirementUrl);
  await ctx.close();
});

test("[PAGES] as an ICR admin, every page fits a phone and passes axe", async ({ browser, baseURL, world }) => {
  const admin = await signedInIcrContext(browser, world.icr.admin);
  const page = await admin.newPage();
  const orgId = world.icr.organization.id;
  await checkPage(page, "ICR admin", "icr-organizations", "/icr");
  await checkPage(page, "ICR admin", "icr-inventory", `/icr/organizations/${orgId}/inventory`);
  await checkPage(page, "ICR admin", "icr-apps", `/icr/organizations/${orgId}/apps`);
  await checkPage(page, "ICR admin", "icr-tokens", `/icr/organizations/${orgId}/tokens`);
  await checkPage(page, "ICR admin", "icr-retirements-admin", "/icr/retirements");
  await checkPage(page, "ICR admin", "icr-docs-admin", "/icr/docs");
  const consent = `/icr/apps/carbonmark/installations/new?state=pages-${Date.now()}&redirectUri=${encodeURIComponent(`${baseURL}/connect/icr/callback`)}`;
  await checkPage(page, "ICR admin", "icr-install-consent", consent, async (p) => {
    await expect(p.getByRole("heading", { name: "Install Carbonmark" })).toBeVisible();
  });
  await admin.close();
});

test("[KEYBOARD] a user exports with the keyboard alone, PIN included", async ({ browser, worlds }, testInfo) => {
  const { ctx, page, user } = await userWithHoldings(
    browser,
    await worlds.forSpec(testInfo, { connected: true }, "keyboard"),
  );
  await page.goto("/export/icr");
  await expect(page.getByRole("heading", { name: "Export credits" })).toBeVisible();
  const kb = page.keyboard;
  // Tab to the first credit's radio and choose it with Space.
  const radio = page.getByTestId("credit-picker").getByRole("radio").first();
  for (let i = 0; i < 40 && !(await radio.evaluate((el) => el === document.activeElement)); i++) await kb.press("Tab");
  await expect(radio).toBeFocused();
  await kb.press("Space");
  await expect(radio).toBeChecked();
  const quantity = page.getByLabel("Quantity");
  for (let i = 0; i < 10 && !(await quantity.evaluate((el) => el === document.activeElement)); i++)
    await kb.press("Tab");
  await expect(quantity).toBeFocused();
  await kb.type("0.25");
  await kb.press("Enter");
  const pinDialog = page.getByRole("dialog", { name: "Confirm with your PIN" });
  await expect(pinDialog).toBeVisible();
  const pin = pinDialog.getByLabel("PIN");
  await expect(pin).toBeFocused();
  // Tab and Shift+Tab go round the dialog's controls and never leave it (not even to the browser's bar).
  const isInDialog = () => page.evaluate(() => !!document.activeElement?.closest("dialog"));
  for (const key of ["Tab", "Shift+Tab"])
    for (let i = 0; i < 8; i++) {
      await kb.press(key);
      expect(await isInDialog(), `focus after ${key} × ${i + 1}`).toBe(true);
    }
  await pin.focus();
  // A wrong PIN is announced and tied to the field.
  await kb.type("000000");
  await kb.press("Enter");
  await expect(pin).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await pin.getAttribute("aria-describedby")) ?? "";
  await expect(page.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("-error"))}"]`)).toBeVisible();
  await expect(pin).toBeFocused();
  await kb.press("ControlOrMeta+a");
  await kb.type(user.pin);
  await kb.press("Enter");
  const done = page.getByRole("dialog", { name: "Credits transferred" });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await kb.press("Escape");
  await expect(done).toBeHidden();
  // Focus returns to the page's form, not lost on <body>.
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
  await ctx.close();
});
