import { type Page } from "@playwright/test";
import { connectToIcr, importAndAccept, PASSWORD, PIN, signUpWithWallet, type TCmUser } from "./carbonmark-helpers";
import { expect, test } from "./fixtures";
import { mailLink, waitForMail } from "./mail-helpers";
import { shootBoth } from "./screens";

// A stolen password alone never moves credits, and the owner always hears of it: the thief signs in
// from another browser and resets the PIN; exports are held, and the owner's notice freezes the
// account, signs the thief out and refuses their sign-in until the owner sets a new password by mail.
// The owner signs up here (this browser becomes a known device); the credits come from the spec's own
// organization (e2e/fixtures.ts).
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

let owner: TCmUser;
let ownerPage: Page;

test.beforeAll(async ({ browser }) => {
  ownerPage = await (await browser.newContext()).newPage();
});
test.afterAll(async () => {
  await ownerPage.context().close();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function openExportPinDialog(page: Page) {
  await page.goto("/export/icr");
  await page.getByTestId("credit-picker").getByRole("radio").first().check();
  await page.getByLabel("Quantity").fill("0.001");
  await page.getByRole("button", { name: "Transfer credits" }).click();
  return page.getByRole("dialog", { name: "Confirm with your PIN" });
}

test("[TAKEOVER] with the password alone the thief cannot export before the owner's notice freezes them out", async ({
  browser,
  world,
}) => {
  owner = await signUpWithWallet(ownerPage);
  await connectToIcr(ownerPage, { icr: { admin: world.icr.admin, organization: world.icr.organization.name } });
  await importAndAccept(ownerPage, browser, owner, "1", { admin: world.icr.admin });

  // The thief, in a browser of their own, with the password only.
  const thiefPage = await (await browser.newContext()).newPage();
  await signIn(thiefPage, owner.email, PASSWORD);
  await expect(thiefPage.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
  // The owner hears of the sign-in from a browser the account never used, before anything else happens.
  const signInNotice = await waitForMail(ownerPage.request, owner.email, (m) =>
    m.subject.startsWith("Security notice: New sign-in to your account"),
  );
  expect(mailLink(signInNotice, "This wasn't me: freeze my account")).toMatch(/\/account\/freeze\?token=/);
  await thiefPage.goto("/settings/pin/reset");
  await thiefPage.getByLabel("Account password").fill(PASSWORD);
  await thiefPage.getByLabel("New PIN", { exact: true }).fill("135799");
  await thiefPage.getByLabel("Repeat the new PIN").fill("135799");
  await thiefPage.getByRole("button", { name: "Reset PIN" }).click();
  await expect(thiefPage.getByText("Your PIN was reset")).toBeVisible({ timeout: 15_000 });

  // The export is held, whatever PIN.
  const dialog = await openExportPinDialog(thiefPage);
  await dialog.getByLabel("PIN").fill("135799");
  await dialog.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(dialog.getByRole("alert").last()).toHaveText(/held until/, { timeout: 15_000 });

  // The owner already has the notice; its link opens a page whose button freezes the account.
  const notice = await waitForMail(ownerPage.request, owner.email, (m) =>
    m.subject.startsWith("Security notice: Your wallet PIN was reset"),
  );
  const freezeUrl = mailLink(notice, "This wasn't me: freeze my account");
  expect(freezeUrl).toMatch(/\/account\/freeze\?token=[A-Za-z0-9_-]{43}$/);
  // Opening the link (as a mail scanner would) changes nothing: the thief is still signed in.
  await ownerPage.request.get(freezeUrl);
  await thiefPage.goto("/portfolio");
  await expect(thiefPage.getByRole("heading", { name: "Portfolio" })).toBeVisible();

  await ownerPage.goto(freezeUrl);
  await shootBoth(ownerPage, "carbonmark-freeze");
  await ownerPage.getByRole("button", { name: "Freeze my account" }).click();
  await expect(ownerPage.getByText("Your account is frozen")).toBeVisible({ timeout: 15_000 });
  await shootBoth(ownerPage, "carbonmark-frozen");

  // The thief's session is over and the password no longer signs in.
  await thiefPage.goto("/portfolio");
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await signIn(thiefPage, owner.email, PASSWORD);
  await expect(thiefPage.getByRole("alert").filter({ hasText: "This account is frozen" })).toBeVisible();
  await shootBoth(thiefPage, "carbonmark-sign-in-frozen");
  await thiefPage.context().close();

  // Only the owner, through the mailbox, lifts it by setting a new password.
  const frozenMail = await waitForMail(ownerPage.request, owner.email, (m) =>
    m.subject.includes("your account is frozen"),
  );
  await ownerPage.goto(mailLink(frozenMail, "Set a new password"));
  await ownerPage.getByLabel("New password").fill("the-owners-new-password");
  await shootBoth(ownerPage, "carbonmark-reset-password");
  await ownerPage.getByRole("button", { name: "Set the new password" }).click();
  await expect(ownerPage.getByText("The freeze is lifted.")).toBeVisible({ timeout: 15_000 });
  await signIn(ownerPage, owner.email, "the-owners-new-password");
  await expect(ownerPage.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
  expect(PIN).not.toBe("135799");
});

test("[ACCOUNT] the owner changes the password and the address in settings; the old address hears of it", async ({
  browser,
}) => {
  await ownerPage.goto("/settings/account");
  await shootBoth(ownerPage, "carbonmark-settings-account");
  await ownerPage.getByLabel("Current password").fill("not-my-password");
  await ownerPage.getByLabel("New password").fill("yet-another-password");
  await ownerPage.getByRole("button", { name: "Change password" }).click();
  await expect(ownerPage.getByRole("alert").filter({ hasText: "That is not your current password" })).toBeVisible();
  await ownerPage.getByLabel("Current password").fill("the-owners-new-password");
  await ownerPage.getByLabel("New password").fill("yet-another-password");
  await ownerPage.getByRole("button", { name: "Change password" }).click();
  await expect(ownerPage.getByText("Your password was changed.")).toBeVisible({ timeout: 15_000 });
  await waitForMail(ownerPage.request, owner.email, (m) => m.subject === "Security notice: Your password was changed");

  const newEmail = owner.email.replace("@", "+moved@");
  await ownerPage.getByLabel("New e-mail address").fill(newEmail);
  await ownerPage.getByLabel("Your password (to confirm it is you)").fill("yet-another-password");
  await ownerPage.getByRole("button", { name: "Send the confirmation link" }).click();
  await expect(ownerPage.getByText(`We sent a link to ${newEmail}`)).toBeVisible({ timeout: 15_000 });
  await waitForMail(ownerPage.request, owner.email, (m) => m.subject.includes("move your account to another address"));
  const link = await waitForMail(ownerPage.request, newEmail, (m) => m.subject.includes("Confirm your new address"));
  // Opened in another browser (the mail app's): no sign-in needed, the link is the proof.
  const mailApp = await (await browser.newContext()).newPage();
  await mailApp.goto(mailLink(link, "Use this address"));
  await mailApp.getByRole("button", { name: "Use this address" }).click();
  await expect(mailApp.getByText(`Your account now uses ${newEmail}`)).toBeVisible({ timeout: 15_000 });
  await mailApp.context().close();
  await waitForMail(ownerPage.request, owner.email, (m) => m.subject.includes("e-mail address was changed"));
  await ownerPage.goto("/settings/account");
  await expect(ownerPage.getByTestId("account-email")).toHaveText(newEmail);
});

test("[ACCOUNT] a forgotten password is reset from the sign-in page by a mailed link", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const email = owner.email.replace("@", "+moved@");
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill(email);
  await shootBoth(page, "carbonmark-forgot-password");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(`If an account uses ${email}`)).toBeVisible({ timeout: 15_000 });
  const mail = await waitForMail(page.request, email, (m) => m.subject === "Reset your Carbonmark password");
  const url = mailLink(mail, "Set a new password");
  await page.goto(url);
  await page.getByLabel("New password").fill("reset-from-the-mail-1");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Your password is set")).toBeVisible({ timeout: 15_000 });
  // The link works once.
  await page.goto(url);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
  await signIn(page, email, "reset-from-the-mail-1");
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
  await page.context().close();
});
