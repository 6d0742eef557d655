import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { mailsTo, waitForMail } from "./mail-helpers";
import { shootBoth } from "./screens";

// An ICR user who forgot the password: "Forgot your password?" on sign-in → the mailed link → a new
// password → sign in with it. Then, signed in, Account → change it back (the first password), which
// ends the user's other session and mails a notice. The user is the member of this spec's own
// organization (e2e/fixtures.ts), so no other spec sees its passwords or sessions change.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

const NEW_PASSWORD = "member-reset-e2e-pass";

async function expectNoAxeViolations(page: Page, name: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    name,
  ).toEqual([]);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/icr/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("[ICR PASSWORD] a forgotten password is reset through the mailed link, and the new one signs in", async ({
  page,
  request,
  world,
}) => {
  const who = world.icr.member;
  const resetMailsBefore = (await mailsTo(request, who.email)).filter(
    (m) => m.subject === "Reset your ICR password",
  ).length;
  await page.goto("/icr/sign-in");
  await shootBoth(page, "icr-sign-in-forgot-link");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your ICR password" })).toBeVisible();
  await expectNoAxeViolations(page, "forgot-password");
  await shootBoth(page, "icr-forgot-password");

  await page.getByLabel("Email").fill(who.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toContainText(
    `If an account exists for ${who.email}, we've sent a link`,
  );
  await shootBoth(page, "icr-forgot-password-sent");

  await expect
    .poll(async () => (await mailsTo(request, who.email)).filter((m) => m.subject === "Reset your ICR password").length)
    .toBe(resetMailsBefore + 1);
  const mail = await waitForMail(request, who.email, (m) => m.subject === "Reset your ICR password");
  const link = /Choose a new password: (\S+)/.exec(mail.text)?.[1] ?? "";
  expect(link).toMatch(/\/icr\/reset-password\?token=[A-Za-z0-9_-]{43}$/);

  // A mail scanner fetching the link first changes nothing.
  expect((await request.get(link)).status()).toBe(200);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new ICR password" })).toBeVisible();
  await expect(page.getByText(`For ${who.email}.`)).toBeVisible();
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expectNoAxeViolations(page, "reset-password");
  await shootBoth(page, "icr-reset-password");

  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(`${NEW_PASSWORD}x`);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();
  await shootBoth(page, "icr-reset-password-mismatch");
  await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password was changed" })).toBeVisible();
  await shootBoth(page, "icr-reset-password-done");

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "This link was already used" })).toBeVisible();
  await expectNoAxeViolations(page, "reset-password-used");
  await shootBoth(page, "icr-reset-password-used");

  await signIn(page, who.email, who.password);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await signIn(page, who.email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();

  const notice = await waitForMail(request, who.email, (m) => m.subject === "Your ICR password was reset");
  expect(notice.text).toContain("every session of the account was ended");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to ICR" })).toBeVisible();
});

test("[ICR PASSWORD] signed in, the user changes the password on Account: other sessions end, this one stays", async ({
  browser,
  request,
  world,
}) => {
  const who = world.icr.member;
  const here = await browser.newContext();
  const other = await browser.newContext();
  const page = await here.newPage();
  const otherPage = await other.newPage();
  await signIn(otherPage, who.email, NEW_PASSWORD);
  await expect(otherPage.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await signIn(page, who.email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expectNoAxeViolations(page, "account");
  await shootBoth(page, "icr-account");

  await page.getByLabel("Current password").fill("not-the-password");
  await page.getByLabel("New password", { exact: true }).fill(who.password);
  await page.getByLabel("Repeat the new password").fill(who.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "That is not your current password. Nothing was changed." }),
  ).toBeVisible();
  await shootBoth(page, "icr-account-wrong-password");

  await page.getByLabel("Current password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password was changed" })).toContainText(
    "1 other session was ended; this browser stays signed in.",
  );
  await shootBoth(page, "icr-account-changed");

  await page.goto("/icr");
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await otherPage.goto("/icr");
  await expect(otherPage.getByRole("heading", { name: "Sign in to ICR" })).toBeVisible();

  const notice = await waitForMail(request, who.email, (m) => m.subject === "Your ICR password was changed");
  expect(notice.text).toMatch(/When: .+ UTC/);
  expect(notice.text).toMatch(/Reset your password: \S+\/icr\/forgot-password/);
  await here.close();
  await other.close();
});
