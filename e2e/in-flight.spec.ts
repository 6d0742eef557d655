import { type Page } from "@playwright/test";
import { moduleScriptSrcs } from "../scripts/lib/first-load-js.ts";
import { importAndAccept, requestImport, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test } from "./fixtures";
import { signedInIcrContext } from "./icr-helpers";

// While an irreversible action is on its way (an export, an admin's retirement), its dialog cannot be
// closed, nothing in it can be pressed again, and a second Enter sends nothing: the server's answer
// is held back 2 s here so a person has time to try. The user, its connection and the organization
// are this spec's own (e2e/fixtures.ts).
test.setTimeout(180_000);
test.use({ worldOptions: { connected: true } });

/** Holds back this page's server-action POSTs by `ms` and counts them. */
async function slowActions(page: Page, ms: number) {
  const sent = { count: 0 };
  await page.route("**/*", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      sent.count++;
      await new Promise((r) => setTimeout(r, ms));
    }
    await route.continue();
  });
  return sent;
}

test("[IN FLIGHT] an export on its way keeps its PIN dialog open and locked, and a second Enter sends nothing", async ({
  browser,
  world,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const user = world.carbonmark.user;
  await signInToCarbonmark(page, user);
  await importAndAccept(page, browser, user, "1", { timeout: 60_000, admin: world.icr.admin });
  await page.goto("/export/icr");
  await page.getByTestId("credit-picker").getByRole("radio").first().check();
  await page.getByLabel("Quantity").fill("0.25");
  await page.getByRole("button", { name: "Transfer credits" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm with your PIN" });
  await dialog.getByLabel("PIN").fill(user.pin);
  const sent = await slowActions(page, 2_000);
  await dialog.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(dialog.getByRole("button", { name: "Confirm transfer" })).toBeDisabled();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeDisabled();
  await expect(dialog.getByLabel("PIN")).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Credits transferred" })).toBeVisible({ timeout: 60_000 });
  expect(sent.count).toBe(1);
  await ctx.close();
});

test("[IN FLIGHT] an admin's retirement on its way cannot be closed and sent again", async ({ browser, world }) => {
  const admin = await signedInIcrContext(browser, world.icr.admin);
  const page = await admin.newPage();
  await page.goto(`/icr/organizations/${world.icr.organization.id}/inventory`);
  const beneficiary = `In Flight ${Date.now()}`;
  await page
    .getByRole("button", { name: /^Retire / })
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: "Retire credits" });
  await dialog.getByLabel("Quantity (tCO₂e)").fill("0.01");
  await dialog.getByLabel("Beneficiary").fill(beneficiary);
  const sent = await slowActions(page, 2_000);
  await dialog.getByRole("button", { name: "Retire credits" }).click();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId("request-row").filter({ hasText: beneficiary })).toHaveCount(1);
  expect(sent.count).toBe(1);
  await admin.close();
});

test("[IN FLIGHT] if the portfolio's live updates cannot load, the page keeps its figures and says so", async ({
  browser,
  world,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInToCarbonmark(page, world.carbonmark.user);
  await requestImport(page, "0.5"); // an import on its way: the portfolio loads its live view
  // Every script the page's HTML names loads; any chunk fetched after (the live view's) fails, as when
  // the server restarts with a new build or the network drops.
  const html = await (await page.request.get("/portfolio")).text();
  const firstLoad = new Set(moduleScriptSrcs(html).map((src) => new URL(src, "http://x").pathname));
  await page.route("**/_next/static/chunks/**", (route) =>
    firstLoad.has(new URL(route.request().url()).pathname) ? route.continue() : route.abort("failed"),
  );
  await page.goto("/portfolio");
  await expect(page.getByText("Live updates could not start.")).toBeVisible();
  await expect(page.getByTestId("import").first()).toBeVisible();
  await expect(page.getByTestId("unavailable")).toHaveCount(0);
  await ctx.close();
});
