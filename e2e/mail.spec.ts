import { expect, test, type Page } from "@playwright/test";
import { connectToIcr, requestImport, requestRowFor, signUpWithWallet, type TCmUser } from "./carbonmark-helpers";
import { ICR_USERS, icrContext } from "./icr-helpers";
import { waitForMail } from "./mail-helpers";
import { shootBoth } from "./screens";

// E-mail to whoever must act, read from the embedded mail catcher's JSON API (MAIL_CATCHER_PORT).
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let user: TCmUser;
let userPage: Page;

test.beforeAll(async ({ browser }) => {
  userPage = await (await browser.newContext()).newPage();
  user = await signUpWithWallet(userPage);
  await connectToIcr(userPage);
});
test.afterAll(async () => {
  await userPage.context().close();
});

test("[MAIL] the ICR admin is mailed, follows the link straight to the request and accepts; the user is mailed that the credits arrived", async ({
  browser,
  request,
}) => {
  await requestImport(userPage, "0.75");

  const adminMail = await waitForMail(request, ICR_USERS.admin.email, (m) =>
    m.text.toLowerCase().includes(user.address.toLowerCase()),
  );
  expect(adminMail.subject).toBe("A transfer request awaits your approval");
  expect(adminMail.text).toContain("How much: 0.75 tCO₂e");
  expect(adminMail.text).toContain("Asked by: the app Carbonmark");
  const link = /Review the request: (\S+)/.exec(adminMail.text)?.[1] ?? "";
  expect(link).toMatch(/\/icr\/organizations\/[0-9a-f-]{36}\/inventory\?request=[0-9a-f-]{36}#request-/);

  const admin = await icrContext(browser, "admin");
  const adminPage = await admin.newPage();
  await adminPage.goto(link);
  const linked = adminPage.getByTestId("linked-request");
  await expect(requestRowFor(adminPage, user.address).first()).toBeVisible();
  await expect(linked.getByTestId("request-row")).toHaveCount(1);
  await expect(linked).toContainText(user.address);
  await adminPage.screenshot({ path: "e2e/screenshots/icr-inventory-linked-request.png", fullPage: true });
  await linked.getByRole("button", { name: "Accept" }).click();
  const confirm = adminPage.getByRole("dialog", { name: "Accept this transfer?" });
  await expect(confirm.getByTestId("address")).toHaveText(user.address);
  await confirm.getByRole("button", { name: "Accept transfer" }).click();
  await admin.close();

  const arrived = await waitForMail(
    request,
    user.email,
    (m) => m.subject === "0.75 tCO₂e arrived in your Carbonmark wallet",
  );
  expect(arrived.text).toContain(user.address);
  expect(arrived.text).toContain("/portfolio");
});

test("[MAIL] the user turns a kind of e-mail off on Settings → Notifications and it stays off", async () => {
  await userPage.goto("/settings/connection");
  await userPage.getByRole("link", { name: "Choose which e-mails you get" }).click();
  await expect(userPage.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const declined = userPage.getByRole("switch", { name: "Import declined" });
  await expect(declined).toHaveAttribute("aria-checked", "true");
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-settings-notifications.png", fullPage: true });
  await declined.click();
  await expect(userPage.getByRole("status").filter({ hasText: "Import declined: e-mails off." })).toBeVisible();
  await shootBoth(userPage, "carbonmark-settings-notifications-saved");
  await userPage.reload();
  await expect(userPage.getByRole("switch", { name: "Import declined" })).toHaveAttribute("aria-checked", "false");
  await expect(userPage.getByRole("switch", { name: "Credits arrived" })).toHaveAttribute("aria-checked", "true");
  await userPage.setViewportSize({ width: 390, height: 844 });
  await userPage.screenshot({ path: "e2e/screenshots/carbonmark-settings-notifications-mobile.png", fullPage: true });
  await userPage.setViewportSize({ width: 1280, height: 900 });
});

test("[MAIL] an ICR admin turns the approval e-mails off on the ICR home page (members have no such switch)", async ({
  browser,
}) => {
  const member = await icrContext(browser, "member");
  const memberPage = await member.newPage();
  await memberPage.goto("/icr");
  await expect(memberPage.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await expect(memberPage.getByRole("switch")).toHaveCount(0);
  await member.close();

  const admin = await icrContext(browser, "admin");
  const page = await admin.newPage();
  await page.goto("/icr");
  const toggle = page.getByRole("switch", { name: "A request awaits my approval" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: "e2e/screenshots/icr-home-mail-toggle.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/icr-home-mail-toggle-mobile.png", fullPage: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await page.reload();
  await expect(page.getByRole("switch", { name: "A request awaits my approval" })).toHaveAttribute(
    "aria-checked",
    "false",
  );
  // Back on, for the other specs' admin.
  await page.getByRole("switch", { name: "A request awaits my approval" }).click();
  await expect(page.getByRole("switch", { name: "A request awaits my approval" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await page.reload();
  await expect(page.getByRole("switch", { name: "A request awaits my approval" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await admin.close();
});
