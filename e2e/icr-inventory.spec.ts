import { type Page } from "@playwright/test";
import { shootBoth } from "./screens";
import { expect, test, type TE2eWorld } from "./fixtures";
import {
  createTokenThroughPage,
  pickCredit,
  requestTransfer,
  signedInIcrContext,
  signInThroughUi,
  type TApi,
} from "./icr-helpers";

// An ICR organization's inventory as its admin and member see it. The organization, its requests,
// tokens and retirements are this spec's own (e2e/fixtures.ts), never the demo organization's.
test.describe.configure({ mode: "serial" });

let api: TApi;
let world: TE2eWorld;
test.beforeEach(({ world: w }) => {
  world = w;
});
// Each test gets its own request context; the token and organization carry over.
const withRequest = (request: TApi["request"]) => (api = { ...api, request });

test("[ICR] admin signs in through the sign-in page and sees their organizations", async ({ page }) => {
  await page.goto("/icr/organizations/00000000-0000-4000-8000-000000000000/inventory");
  await expect(page).toHaveURL(/\/icr\/sign-in\?returnTo=/);
  await page.screenshot({ path: "e2e/screenshots/icr-sign-in.png", fullPage: true });
  await page.goto("/icr/sign-in");
  await page.getByLabel("Email").fill(world.icr.admin.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await signInThroughUi(page, world.icr.admin);
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await expect(page.getByRole("link", { name: world.icr.organization.name })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/icr-organizations.png", fullPage: true });
});

test("[ICR] admin creates an access token that is shown once, and can revoke one", async ({ browser, request }) => {
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  const orgId = world.icr.organization.id;
  const token = await createTokenThroughPage(page, orgId, "E2E transfers", [
    "organization_info:read",
    "organization_inventory:read_write",
  ]);
  await expect(page.getByText("Copy your new access token now")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/icr-token-created.png", fullPage: true });
  api = { request, token, orgId };

  // A second token, revoked: the API refuses it at once.
  const doomed = await createTokenThroughPage(page, orgId, "Short-lived", ["organization_info:read"]);
  expect(
    (await request.get(`/icr/api/organizations/${orgId}`, { headers: { authorization: `Bearer ${doomed}` } })).status(),
  ).toBe(200);
  await page.reload();
  await page.getByRole("button", { name: "Revoke Short-lived" }).click();
  await page.getByRole("button", { name: "Confirm revoking Short-lived" }).click();
  await expect(
    page.getByTestId("access-token").filter({ hasText: "Short-lived" }).getByText("revoked", { exact: true }),
  ).toBeVisible();
  expect(
    (await request.get(`/icr/api/organizations/${orgId}`, { headers: { authorization: `Bearer ${doomed}` } })).status(),
  ).toBe(401);
  await expect(
    page.getByTestId("access-token").filter({ hasText: "E2E transfers" }).getByText("active", { exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/icr-tokens.png", fullPage: true });
  await ctx.close();
});

async function openInventory(page: Page) {
  await page.goto(`/icr/organizations/${api.orgId}/inventory`);
  await expect(page.getByRole("heading", { name: world.icr.organization.name })).toBeVisible();
}

test("[ICR] admin accepts a transfer after confirming the highlighted address", async ({ browser, request }) => {
  withRequest(request);
  const credit = await pickCredit(api, 2);
  const { id, toAddress } = await requestTransfer(api, credit.id, "1.5");
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await openInventory(page);

  const row = page.locator(`[data-request-id="${id}"]`);
  await expect(row).toContainText("Awaiting approval");
  await expect(row).toContainText(toAddress);
  await expect(page.getByText("Wallet addresses")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/icr-inventory-pending.png", fullPage: true });

  await row.getByRole("button", { name: "Accept" }).click();
  const dialog = page.getByRole("dialog", { name: "Accept this transfer?" });
  await expect(dialog).toBeVisible();
  const highlighted = dialog.getByTestId("address");
  await expect(highlighted).toHaveText(toAddress);
  await expect(highlighted).toHaveClass(/bg-yellow-100/);
  await expect(dialog).toContainText("Credits sent to a wrong address are irretrievable");
  await expect(dialog).toContainText("0.001");
  await page.screenshot({ path: "e2e/screenshots/icr-accept-confirmation.png" });

  await dialog.getByRole("button", { name: "Accept transfer" }).click();
  await expect(dialog).toBeHidden();
  // The worker sends it on chain; the page follows without a reload.
  await expect(row).toHaveAttribute("data-state", "processed", { timeout: 45_000 });
  await expect(row).toContainText("Processed");
  await expect(row).toContainText("Transaction 0x");
  await expect(row.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/icr-inventory-processed.png", fullPage: true });
  await ctx.close();
});

test("[ICR] admin declines a request and it shows as declined", async ({ browser, request }) => {
  withRequest(request);
  const credit = await pickCredit(api, 1);
  const { id } = await requestTransfer(api, credit.id, "0.001");
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await openInventory(page);
  const row = page.locator(`[data-request-id="${id}"]`);
  await row.getByRole("button", { name: "Decline" }).click();
  const dialog = page.getByRole("dialog", { name: "Decline this request?" });
  await page.screenshot({ path: "e2e/screenshots/icr-decline-confirmation.png" });
  await dialog.getByRole("button", { name: "Decline request" }).click();
  await expect(row).toHaveAttribute("data-state", "rejected");
  await expect(row).toContainText("Declined");
  await expect(row.getByRole("button")).toHaveCount(0);
  await ctx.close();
});

test("[ICR] a member sees the requests but cannot accept them", async ({ browser, request }) => {
  withRequest(request);
  const credit = await pickCredit(api, 1);
  const { id, toAddress } = await requestTransfer(api, credit.id, "1");
  const ctx = await signedInIcrContext(browser, world.icr.member);
  const page = await ctx.newPage();
  await openInventory(page);
  const row = page.locator(`[data-request-id="${id}"]`);
  await expect(row).toContainText("Awaiting approval");
  await expect(row).toContainText(toAddress);
  await expect(page.getByText("Only admins of the organization can accept or decline requests.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Decline" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Retire/ })).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/icr-inventory-member.png", fullPage: true });
  await ctx.close();
});

test("[ICR] admin retires credits and the retirement appears in the public list with a certificate", async ({
  browser,
  request,
}) => {
  withRequest(request);
  const credit = await pickCredit(api, 3);
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await openInventory(page);
  await page.getByRole("button", { name: `Retire ${credit.serialization}` }).click();
  const dialog = page.getByRole("dialog", { name: "Retire credits" });
  await dialog.getByLabel("Quantity (tCO₂e)").fill("2.5");
  // A pasted bidi override is refused under its field, and nothing is requested.
  await dialog.getByLabel("Beneficiary").fill("Fjord \u202Esretsaor");
  await dialog.getByRole("button", { name: "Retire credits" }).click();
  await expect(dialog.locator("#beneficiaryName-error")).toHaveText(
    "The beneficiary must be one line of visible text: remove an invisible control character (U+202E)",
  );
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Beneficiary").fill("Fjord Coffee Roasters");
  await dialog.getByLabel("Reason").fill("Offsetting 2025 roasting");
  await page.screenshot({ path: "e2e/screenshots/icr-retire-dialog.png" });
  await dialog.getByRole("button", { name: "Retire credits" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("request-row").filter({ hasText: "Fjord Coffee Roasters" });
  await expect(row).toHaveAttribute("data-state", "processed", { timeout: 45_000 });

  await page.goto("/icr/retirements");
  const entry = page.getByTestId("retirement").filter({ hasText: "Fjord Coffee Roasters" });
  await expect(entry).toContainText("2.5 tCO₂e");
  await expect(entry).toContainText(credit.serialization);
  const href = await entry.getByRole("link", { name: "Certificate (PDF)" }).getAttribute("href");
  const pdf = await request.get(href!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await page.screenshot({ path: "e2e/screenshots/icr-retirements.png", fullPage: true });
  await ctx.close();
});

test("[ICR] pending requests older than a page of history stay pinned on top with the total over every page, and history filters by state", async ({
  browser,
  request,
}) => {
  withRequest(request);
  const credit = await pickCredit(api, 1);
  const waiting = [await requestTransfer(api, credit.id, "0.001"), await requestTransfer(api, credit.id, "0.002")];
  // Eleven newer requests, cancelled by the app, push the two waiting ones past the first page of history.
  for (let i = 0; i < 11; i++) {
    const { id } = await requestTransfer(api, credit.id, "0.001");
    const res = await request.post(`/icr/api/organizations/${api.orgId}/inventory/action/cancel`, {
      headers: { authorization: `Bearer ${api.token}`, "x-icr-api-version": "2023-06-16" },
      data: { transactionId: id },
    });
    expect(res.status()).toBeLessThan(300);
  }
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await openInventory(page);
  const pinned = page.getByTestId("pending-requests");
  for (const w of waiting)
    await expect(pinned.locator(`[data-request-id="${w.id}"]`)).toContainText("Awaiting approval");
  const total = await pinned.getByTestId("request-row").count();
  await expect(page.getByTestId("pending-total")).toHaveText(`${total} awaiting approval`);
  await expect(page.getByTestId("request-history").locator('[data-state="pending_request"]')).toHaveCount(0);
  await shootBoth(page, "icr-inventory-pinned");

  await page
    .getByRole("navigation", { name: "Filter history by state" })
    .getByRole("link", { name: "Cancelled" })
    .click();
  await expect(page).toHaveURL(/\?state=cancelled/);
  const history = page.getByTestId("request-history").getByTestId("request-row");
  await expect(history.first()).toHaveAttribute("data-state", "cancelled");
  expect(await history.evaluateAll((rows) => rows.every((r) => r.getAttribute("data-state") === "cancelled"))).toBe(
    true,
  );
  await page
    .getByRole("navigation", { name: "Filter history by state" })
    .getByRole("link", { name: "Declined" })
    .click();
  await expect(page.getByTestId("request-history").getByTestId("who-decided").first()).toContainText(
    new RegExp(`Declined by .*${world.icr.admin.email.replaceAll(".", "\\.")}.* on \\d`),
  );
  await shootBoth(page, "icr-inventory-history-declined");
  await ctx.close();
});

test("[ICR] the organizations list counts every pending request, not one page", async ({ browser }) => {
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await openInventory(page);
  const total = (await page.getByTestId("pending-total").textContent())?.trim();
  await page.goto("/icr");
  await expect(
    page.getByRole("listitem").filter({ hasText: world.icr.organization.name }).getByTestId("org-pending"),
  ).toHaveText(total ?? "missing");
  await shootBoth(page, "icr-organizations-pending");
  await ctx.close();
});

test("[ICR] an admin reconciles inventory, chain and ledger from the organization's tabs; a member sees no figures and another organization's page is a 404", async ({
  browser,
  worlds,
}, testInfo) => {
  test.setTimeout(180_000); // three sign-ins and a chain read: slow on a loaded machine
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  const orgId = world.icr.organization.id;
  await page.goto(`/icr/organizations/${orgId}/inventory`);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Reconciliation" }).click();
  await expect(page).toHaveURL(/\/reconciliation$/);
  const assets = page.getByTestId("recon-asset");
  await expect(assets.first()).toBeVisible();
  // Whatever the earlier flows left (requests waiting, transfers, retirements) is explained, never unexplained.
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  await expect(page.locator('[data-reason="unexplained"]')).toHaveCount(0);
  await shootBoth(page, "icr-reconciliation");
  await ctx.close();
  // Another organization, of which the member is not a member.
  const otherId = (await worlds.forSpec(testInfo, {}, "other")).icr.organization.id;

  const memberCtx = await signedInIcrContext(browser, world.icr.member);
  const memberPage = await memberCtx.newPage();
  await memberPage.goto(`/icr/organizations/${orgId}/reconciliation`);
  await expect(memberPage.getByTestId("admins-only")).toBeVisible();
  await expect(memberPage.getByTestId("recon-asset")).toHaveCount(0);
  const other = await memberPage.goto(`/icr/organizations/${otherId}/reconciliation`);
  expect(other?.status()).toBe(404);
  await expect(memberPage.getByTestId("recon-asset")).toHaveCount(0);
  await memberCtx.close();
});
