import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { connectToIcr, importAndAccept, PASSWORD, PIN, signUpWithWallet, type TCmUser } from "./carbonmark-helpers";
import { expect, test } from "./fixtures";
import { waitForMail } from "./mail-helpers";
import { shootBoth } from "./screens";

// The story of a new user with a passkey, with Chromium's virtual authenticator (CDP WebAuthn
// domain): sign up and confirm the address from the mail catcher, add a passkey in Settings →
// Security (behind the PIN), see the recovery codes once, sign out, sign in with the password and
// the passkey, and export 0.001 t confirming with the passkey instead of the PIN; then remove it.
test.setTimeout(300_000);

let user: TCmUser;

async function signInWithPassword(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** No sideways scroll on a phone and no serious or critical axe violation. */
async function expectUsable(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("[PASSKEYS] a new user confirms the address, adds a passkey, saves the recovery codes, signs in with password + passkey and exports 0.001 t confirming with it", async ({
  page,
  browser,
  world,
}) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });

  user = await signUpWithWallet(page);
  // Something to export: 1 t imported from the spec's own organization (e2e/fixtures.ts), accepted by its admin.
  await connectToIcr(page, { icr: { admin: world.icr.admin, organization: world.icr.organization.name } });
  await importAndAccept(page, browser, user, "1", { admin: world.icr.admin });

  // SETTINGS → SECURITY, linked from the PIN page and from the settings page.
  await page.goto("/settings/pin");
  await expect(page.getByRole("link", { name: "Passkeys" })).toHaveAttribute("href", "/settings/security");
  await shootBoth(page, "carbonmark-settings-pin");
  await page.goto("/settings/connection");
  await shootBoth(page, "carbonmark-settings-connection");
  await page.getByRole("link", { name: "Passkeys and recovery codes" }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(page.getByTestId("no-passkeys")).toBeVisible();
  await shootBoth(page, "carbonmark-security-empty");

  await page.getByRole("button", { name: "Add a passkey" }).click();
  const add = page.getByRole("dialog", { name: "Add a passkey" });
  await add.getByLabel("Name").fill("E2E laptop");
  // A wrong PIN adds nothing.
  await add.getByLabel("Wallet PIN").fill("000000");
  await add.getByRole("button", { name: "Continue" }).click();
  await expect(add.locator("#pin-error")).toContainText("Wrong PIN");
  await add.getByLabel("Wallet PIN").fill(PIN);
  await shootBoth(page, "carbonmark-security-add-dialog");
  await add.getByRole("button", { name: "Continue" }).click();

  const saved = page.getByRole("dialog", { name: "Passkey added: your recovery codes" });
  await expect(saved.getByTestId("recovery-code")).toHaveCount(10);
  await expect(saved).toContainText("shown only this once");
  const firstCode = (await saved.getByTestId("recovery-code").first().textContent())?.trim() ?? "";
  expect(firstCode).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
  await shootBoth(page, "carbonmark-security-recovery-codes");
  await saved.getByRole("button", { name: "I have saved my codes" }).click();

  await expect(page.getByTestId("passkey-row")).toHaveCount(1);
  await expect(page.getByTestId("passkey-row")).toContainText("E2E laptop");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("10 of 10 unused.");
  await waitForMail(
    page.request,
    user.email,
    (m) => m.subject === "Security notice: A passkey was added to your account",
  );
  await shootBoth(page, "carbonmark-security");
  await expectUsable(page);
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);

  // A PIN reset now needs the passkey as well as the password.
  await page.goto("/settings/pin/reset");
  await expect(page.getByTestId("reset-needs-passkey")).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm with a passkey and reset PIN" })).toBeVisible();
  await shootBoth(page, "carbonmark-pin-reset-passkey");

  // SIGN OUT, then the password alone is not enough: the passkey finishes the sign-in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInWithPassword(page);
  await expect(page.getByTestId("passkey-step")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toHaveCount(0);
  await shootBoth(page, "carbonmark-sign-in-passkey");
  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });

  // EXPORT 0.001 t, confirmed with the passkey instead of the PIN.
  await page.goto("/export/icr");
  await expect(page.getByRole("heading", { name: "Export credits" })).toBeVisible();
  await page.getByTestId("credit-picker").getByRole("radio").first().check();
  await page.getByLabel("Quantity").fill("0.001");
  await page.getByRole("button", { name: "Transfer credits" }).click();
  const confirm = page.getByRole("dialog", { name: "Confirm with your PIN" });
  await expect(confirm.getByRole("button", { name: "Use a passkey instead" })).toBeVisible();
  await shootBoth(page, "carbonmark-export-passkey-dialog");
  await confirm.getByRole("button", { name: "Use a passkey instead" }).click();
  const done = page.getByRole("dialog", { name: "Credits transferred" });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText(`0.001 credits were sent to ${world.icr.organization.name}`);
  await done.getByRole("link", { name: "Back to portfolio" }).click();
  await expect(page.getByTestId("holding-amount").first()).toHaveText("0.999");

  // The passkey was used twice (sign-in, export); then it is removed, confirmed with itself.
  await page.goto("/settings/security");
  await expect(page.getByTestId("passkey-row")).not.toContainText("Never");
  await page.getByRole("button", { name: "Remove E2E laptop" }).click();
  const remove = page.getByRole("dialog", { name: "Remove “E2E laptop”?" });
  await expect(remove).toContainText("This is your last passkey");
  await shootBoth(page, "carbonmark-security-remove-dialog");
  await remove.getByRole("button", { name: "Confirm with a passkey and remove" }).click();
  await expect(page.getByTestId("no-passkeys")).toBeVisible();

  // Password-only again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInWithPassword(page);
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
});
