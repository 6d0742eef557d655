// Helpers of the Carbonmark e2e specs: each test makes its own user (unique per run) through the
// sign-up and PIN pages, and connects to ICR through the real install screen of the sandbox.
import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { icrContextFor, ICR_USERS, VERDANT, type TIcrSignIn } from "./icr-helpers";
import { mailLink, waitForMail } from "./mail-helpers";
import { shootBoth } from "./screens";

export const PIN = "246810";
export const PASSWORD = "carbonmark-e2e-password";

export type TCmUser = { email: string; address: string };

/** Signs in through Carbonmark's sign-in form (a spec's own user, e2e/fixtures.ts) and lands on the portfolio. */
export async function signInToCarbonmark(page: Page, user: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
}

/** Opens the confirmation link mailed to `email` and confirms the address (the link alone changes nothing). */
export async function confirmEmailFromMail(page: Page, email: string) {
  const mail = await waitForMail(
    page.request,
    email,
    (m) => m.subject === "Confirm your e-mail address for Carbonmark",
  );
  await page.goto(mailLink(mail, "Confirm my address"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByText("Your address is confirmed.")).toBeVisible();
}

/**
 * Signs up through the UI, sets the PIN twice, confirms the address from the mail catcher, and
 * returns on the portfolio with the wallet address.
 */
export async function signUpWithWallet(page: Page, opts: { screenshots?: boolean } = {}): Promise<TCmUser> {
  const email = `user-${randomUUID().slice(0, 8)}@carbonmark.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Erin E2E");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  if (opts.screenshots) await page.screenshot({ path: "e2e/screenshots/carbonmark-sign-up.png", fullPage: true });
  await page.getByRole("button", { name: "Create account" }).click();
  // The first sign-up after the server starts also warms it up (slow on a loaded machine).
  await expect(page.getByRole("heading", { name: "Set your wallet PIN" })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel("PIN (6 digits)").fill(PIN);
  await page.getByLabel("Repeat the PIN").fill(PIN);
  if (opts.screenshots) await shootBoth(page, "carbonmark-set-pin");
  await page.getByRole("button", { name: "Create wallet" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
  const address = (await page.getByTestId("address").first().textContent())?.trim() ?? "";
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  await confirmEmailFromMail(page, email);
  await page.goto("/portfolio");
  await expect(page.getByTestId("unverified-banner")).toHaveCount(0);
  return { email, address };
}

/** An ICR organization to connect to and the admin who installs the app on it (a spec's own, e2e/fixtures.ts). */
export type TIcrOrgAdmin = { admin: { email: string; password: string }; organization: string };

/**
 * IMPORT → International Carbon Registry → NEXT → CONNECT TO ICR → (ICR sign-in) → Install → back,
 * on `opts.icr`'s organization (the demo admin's Verdant unless given).
 */
export async function connectToIcr(page: Page, opts: { screenshots?: boolean; icr?: TIcrOrgAdmin } = {}) {
  const icr = opts.icr ?? { admin: ICR_USERS.admin, organization: VERDANT };
  await page.goto("/portfolio");
  await page.getByRole("link", { name: "Import carbon credits" }).click();
  await page.getByRole("radio", { name: /International Carbon Registry/ }).check();
  if (opts.screenshots)
    await page.screenshot({ path: "e2e/screenshots/carbonmark-choose-registry.png", fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("button", { name: "Connect to ICR" })).toBeVisible();
  if (opts.screenshots) await page.screenshot({ path: "e2e/screenshots/carbonmark-connect.png", fullPage: true });
  await page.getByRole("button", { name: "Connect to ICR" }).click();
  await page.waitForURL(/\/icr\//);
  if (/\/icr\/sign-in/.test(page.url())) {
    await page.getByLabel("Email").fill(icr.admin.email);
    await page.getByLabel("Password").fill(icr.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page.getByRole("heading", { name: "Install Carbonmark" })).toBeVisible();
  await page.getByRole("radio", { name: new RegExp(icr.organization) }).check();
  await page.getByRole("button", { name: "Install" }).click();
  await expect(page.getByText("Successfully connected to ICR, you may now close this window")).toBeVisible({
    timeout: 20_000,
  });
  if (opts.screenshots) await page.screenshot({ path: "e2e/screenshots/carbonmark-connected.png", fullPage: true });
}

/** On the Import credits screen: picks the first asset, enters the quantity and clicks TRANSFER CREDITS. */
export async function requestImport(page: Page, quantity: string, opts: { screenshots?: boolean } = {}) {
  await page.goto("/import/icr");
  await expect(page.getByRole("heading", { name: "Import credits" })).toBeVisible();
  await page.getByTestId("credit-picker").getByRole("radio").first().check();
  await page.getByLabel("Quantity").fill(quantity);
  if (opts.screenshots)
    await page.screenshot({ path: "e2e/screenshots/carbonmark-import-credits.png", fullPage: true });
  await page.getByRole("button", { name: "Transfer credits" }).dblclick();
  const dialog = page.getByRole("dialog", { name: "Transfer requested" });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  return dialog;
}

/** The ICR admin's row for the request to `address` on the organization inventory page. */
export function requestRowFor(page: Page, address: string) {
  return page.getByTestId("request-row").filter({ hasText: address });
}

/**
 * The import story's middle: the user requests `quantity`, the ICR admin (the demo one unless
 * `opts.admin` is given) accepts it in another browser context, and the user's portfolio shows it. Returns the ICR inventory link of the request.
 */
export async function importAndAccept(
  page: Page,
  browser: Browser,
  user: TCmUser,
  quantity: string,
  opts: { timeout?: number; admin?: TIcrSignIn } = {},
): Promise<string> {
  const dialog = await requestImport(page, quantity);
  const inventoryUrl = (await dialog.getByRole("link", { name: /ICR inventory/ }).getAttribute("href")) ?? "";
  const admin = await icrContextFor(browser, opts.admin ?? "admin");
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  await requestRowFor(adminPage, user.address).getByRole("button", { name: "Accept" }).click();
  await adminPage
    .getByRole("dialog", { name: "Accept this transfer?" })
    .getByRole("button", { name: "Accept transfer" })
    .click();
  await admin.close();
  await page.goto("/portfolio");
  await expect(page.getByTestId("holding-amount").first()).toHaveText(quantity, { timeout: opts.timeout ?? 45_000 });
  return inventoryUrl;
}

/**
 * The user requests `quantity`, the ICR admin (the demo one unless `admin` is given) declines it in
 * another browser context, and the user's portfolio shows it declined.
 */
export async function importAndDecline(
  page: Page,
  browser: Browser,
  user: TCmUser,
  quantity: string,
  opts: { admin?: TIcrSignIn } = {},
): Promise<void> {
  const dialog = await requestImport(page, quantity);
  const inventoryUrl = (await dialog.getByRole("link", { name: /ICR inventory/ }).getAttribute("href")) ?? "";
  const admin = await icrContextFor(browser, opts.admin ?? "admin");
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  await requestRowFor(adminPage, user.address)
    .filter({ has: adminPage.getByRole("button", { name: "Decline" }) })
    .getByRole("button", { name: "Decline" })
    .click();
  await adminPage
    .getByRole("dialog", { name: "Decline this request?" })
    .getByRole("button", { name: "Decline request" })
    .click();
  await admin.close();
  await page.goto("/portfolio");
  await expect(page.getByTestId("import").filter({ hasText: quantity }).first().getByTestId("import-state")).toHaveText(
    "Declined on ICR",
    { timeout: 30_000 },
  );
}
