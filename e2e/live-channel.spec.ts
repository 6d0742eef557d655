import { requestImport, requestRowFor, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test } from "./fixtures";
import { signedInIcrContext } from "./icr-helpers";

// The live channel alone. `npm test` runs this spec once more with polling off
// (E2E_POLL_INTERVAL_MS=3600000, scripts/test.ts): the open portfolio can then learn of the ICR
// admin's decisions only from /api/carbonmark/live. With pages polling it would prove nothing: skipped.
test.skip(
  process.env.E2E_POLL_INTERVAL_MS !== "3600000",
  "runs only with polling off (E2E_POLL_INTERVAL_MS=3600000; npm test does)",
);
test.setTimeout(150_000);
test.use({ worldOptions: { connected: true } }); // the spec's own user and organization (e2e/fixtures.ts)

test("[LIVE] with polling off, the open portfolio shows an accepted and a declined import from the live channel alone", async ({
  page,
  browser,
  world,
}) => {
  const user = world.carbonmark.user;
  await signInToCarbonmark(page, user);
  const dialog = await requestImport(page, "1.5");
  const inventoryUrl = (await dialog.getByRole("link", { name: /ICR inventory/ }).getAttribute("href")) ?? "";
  await requestImport(page, "0.001");

  await page.goto("/portfolio");
  const accepted = page.getByTestId("import").filter({ hasText: "1.5" });
  const declined = page.getByTestId("import").filter({ hasText: "0.001" });
  await expect(accepted.getByTestId("import-state")).toHaveText("Waiting for approval on ICR");
  await expect(declined.getByTestId("import-state")).toHaveText("Waiting for approval on ICR");
  // A mark on this document: it must still be here at the end (no reload, no navigation).
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  const admin = await signedInIcrContext(browser, world.icr.admin);
  const adminPage = await admin.newPage();
  await adminPage.goto(inventoryUrl);
  const rows = requestRowFor(adminPage, user.address);
  await rows.filter({ hasText: "1.5" }).getByRole("button", { name: "Accept" }).click();
  await adminPage
    .getByRole("dialog", { name: "Accept this transfer?" })
    .getByRole("button", { name: "Accept transfer" })
    .click();
  await rows.filter({ hasText: "0.001" }).getByRole("button", { name: "Decline" }).click();
  await adminPage
    .getByRole("dialog", { name: "Decline this request?" })
    .getByRole("button", { name: "Decline request" })
    .click();
  await admin.close();

  await expect(page.getByTestId("holding-amount").first()).toHaveText("1.5", { timeout: 45_000 });
  await expect(accepted.getByTestId("import-state")).toHaveText("Arrived in your wallet", { timeout: 15_000 });
  await expect(declined.getByTestId("import-state")).toHaveText("Declined on ICR", { timeout: 15_000 });
  await expect(page.getByTestId("polling")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
