import { type Page } from "@playwright/test";
import { importAndDecline, requestImport, requestRowFor, signInToCarbonmark, type TCmUser } from "./carbonmark-helpers";
import { expect, test, type TE2eWorld } from "./fixtures";
import { signedInIcrContext } from "./icr-helpers";
import { mailsTo, waitForMail } from "./mail-helpers";
import { shootBoth } from "./screens";

// E-mail to whoever must act, read from the embedded mail catcher's JSON API (MAIL_CATCHER_PORT).
// The spec's own world (e2e/fixtures.ts): a Carbonmark user connected to its own organization, whose
// admin's and user's mail switches it may turn as it likes.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let world: TE2eWorld;
let user: TCmUser;
let userPage: Page;

test.beforeAll(async ({ browser, worlds }, testInfo) => {
  test.setTimeout(120_000); // a hook's own limit: the world and a sign-in on a loaded machine
  world = await worlds.forSpec(testInfo, { connected: true });
  user = { email: world.carbonmark.user.email, address: world.carbonmark.user.address };
  userPage = await (await browser.newContext()).newPage();
  await signInToCarbonmark(userPage, world.carbonmark.user);
});
test.afterAll(async () => {
  await userPage.context().close();
});

test("[MAIL] the ICR admin is mailed, follows the link straight to the request and accepts; the user is mailed that the credits arrived", async ({
  browser,
  request,
}) => {
  await requestImport(userPage, "0.75");

  const adminMail = await waitForMail(request, world.icr.admin.email, (m) =>
    m.text.toLowerCase().includes(user.address.toLowerCase()),
  );
  expect(adminMail.subject).toBe("A transfer request awaits your approval");
  expect(adminMail.text).toContain("How much: 0.75 tCO₂e");
  expect(adminMail.text).toContain("Asked by: the app Carbonmark");
  const link = /Review the request: (\S+)/.exec(adminMail.text)?.[1] ?? "";
  expect(link).toMatch(/\/icr\/organizations\/[0-9a-f-]{36}\/inventory\?request=[0-9a-f-]{36}#request-/);

  const admin = await signedInIcrContext(browser, world.icr.admin);
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

test("[MAIL] the user turns a kind of e-mail off on Settings → Notifications and it stays off: no such mail is sent", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000); // two imports declined by the admin
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

  // Declined while off: no mail. Then on again, a second decline is mailed; the mails of one queue go
  // out in order, so once the second one is caught the first would have been too.
  await importAndDecline(userPage, browser, user, "0.002", { admin: world.icr.admin });
  await userPage.goto("/settings/notifications");
  await userPage.getByRole("switch", { name: "Import declined" }).click();
  await expect(userPage.getByRole("switch", { name: "Import declined" })).toHaveAttribute("aria-checked", "true");
  await importAndDecline(userPage, browser, user, "0.003", { admin: world.icr.admin });
  await waitForMail(request, user.email, (m) => m.subject === "Your import of 0.003 tCO₂e was declined on ICR");
  const declinedMails = (await mailsTo(request, user.email)).filter((m) => /declined/i.test(m.subject));
  expect(declinedMails.map((m) => m.subject)).toEqual(["Your import of 0.003 tCO₂e was declined on ICR"]);
});

test("[MAIL] an ICR admin turns the approval e-mails off on the ICR home page (members have no such switch)", async ({
  browser,
}) => {
  const member = await signedInIcrContext(browser, world.icr.member);
  const memberPage = await member.newPage();
  await memberPage.goto("/icr");
  await expect(memberPage.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await expect(memberPage.getByRole("switch")).toHaveCount(0);
  await member.close();

  const admin = await signedInIcrContext(browser, world.icr.admin);
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
  // And back on: the switch turns both ways.
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
