import { type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { importPKCS8, SignJWT } from "jose";
import { DEV_APP_ID } from "../lib/stack/secrets.ts";
import { E2E_DATA_DIR } from "../playwright.config";
import { expect, test } from "./fixtures";
import { pickCredit, requestTransfer, signedInIcrContext, signInThroughUi } from "./icr-helpers";

// The install → use → uninstall life of the app on this spec's own organization (e2e/fixtures.ts):
// the demo organization's installation is never touched.
test.describe.configure({ mode: "serial" });

const CALLBACK_PATH = "/connect/icr/callback";
const installUrl = (baseURL: string, state: string, redirectUri = `${baseURL}${CALLBACK_PATH}`) =>
  `/icr/apps/carbonmark/installations/new?state=${encodeURIComponent(state)}&redirectUri=${encodeURIComponent(redirectUri)}`;

/** Carbonmark's callback is another team's page: answer it here so the test sees only ICR's redirect. */
async function stubCallback(page: Page) {
  await page.route(`**${CALLBACK_PATH}**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Carbonmark callback</h1>" }),
  );
}

let firstInstallationId = "";
let installationToken = "";
let orgId = "";

/** What Carbonmark does: an RS256 JWT signed with the app's private key (the e2e stack's dev secret). */
async function appJwt(): Promise<string> {
  const { ICR_APP_PRIVATE_KEY } = JSON.parse(readFileSync(`${E2E_DATA_DIR}/secrets.json`, "utf8")) as {
    ICR_APP_PRIVATE_KEY: string;
  };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(DEV_APP_ID)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 540)
    .sign(await importPKCS8(ICR_APP_PRIVATE_KEY, "RS256"));
}

test("[ICR] install consent signs in, lists the permissions and returns to the allow-listed callback with the state", async ({
  page,
  baseURL,
  world,
}) => {
  await stubCallback(page);
  await page.goto(installUrl(baseURL!, "state-one"));
  await expect(page).toHaveURL(/\/icr\/sign-in\?returnTo=/);
  await signInThroughUi(page, world.icr.admin);

  await expect(page.getByRole("heading", { name: "Install Carbonmark" })).toBeVisible();
  await expect(page.getByText("See your organization's profile and its public wallet addresses")).toBeVisible();
  await expect(page.getByText(/request transfers or retirements of its credits/)).toBeVisible();
  await expect(page.getByText("Carbonmark can never move credits on its own")).toBeVisible();
  await page.getByRole("radio", { name: world.icr.organization.name }).check();
  await page.screenshot({ path: "e2e/screenshots/icr-install-consent.png", fullPage: true });
  await page.getByRole("button", { name: "Install" }).click();

  await page.waitForURL(`**${CALLBACK_PATH}?**`);
  const url = new URL(page.url());
  expect(url.origin + url.pathname).toBe(`${baseURL}${CALLBACK_PATH}`);
  expect(url.searchParams.get("state")).toBe("state-one");
  firstInstallationId = url.searchParams.get("installationId") ?? "";
  expect(firstInstallationId).toMatch(/^[0-9a-f-]{36}$/);
});

test("[ICR] installing twice shows 'already installed' and still returns with the same installation", async ({
  browser,
  baseURL,
  world,
}) => {
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await stubCallback(page);
  await page.goto(installUrl(baseURL!, "state-two"));
  await page.getByRole("radio", { name: world.icr.organization.name }).check();
  await expect(page.getByText(`Carbonmark is already installed on ${world.icr.organization.name}`)).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/icr-install-already-installed.png", fullPage: true });
  await page.getByRole("button", { name: "Install" }).click();
  await page.waitForURL(`**${CALLBACK_PATH}?**`);
  const url = new URL(page.url());
  expect(url.searchParams.get("state")).toBe("state-two");
  expect(url.searchParams.get("installationId")).toBe(firstInstallationId);
  await ctx.close();
});

test("[ICR] the installed app's transfer request shows on the inventory as requested by Carbonmark", async ({
  browser,
  request,
  world,
}) => {
  const jwt = await appJwt();
  const inst = await request.get(`/icr/api/app/installations/${firstInstallationId}`, {
    headers: { authorization: `Bearer ${jwt}` },
  });
  expect(inst.status()).toBe(200);
  const installation = await inst.json();
  expect(installation.organization.fullName).toBe(world.icr.organization.name);
  const res = await request.post(`/icr/api/app/installations/${firstInstallationId}/accessTokens`, {
    headers: { authorization: `Bearer ${jwt}` },
  });
  expect(res.status()).toBe(201);
  installationToken = (await res.json()).token;

  const api = { request, token: installationToken, orgId: installation.organizationId as string };
  orgId = api.orgId;
  const credit = await pickCredit(api, 1);
  const { id, toAddress } = await requestTransfer(api, credit.id, "0.25");
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await page.goto(`/icr/organizations/${api.orgId}/inventory`);
  const row = page.locator(`[data-request-id="${id}"]`);
  await expect(row).toContainText("Requested by Carbonmark");
  await expect(row.getByTestId("who-asked")).toContainText("connected by ICR user");
  await page.screenshot({ path: "e2e/screenshots/icr-inventory-who-asked.png", fullPage: true });
  await expect(row).toContainText(toAddress);
  await row.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByRole("dialog")).toContainText("and Carbonmark is told");
  await page.getByRole("button", { name: "Decline request" }).click();
  await expect(row).toHaveAttribute("data-state", "rejected");
  await ctx.close();
});

test("[ICR] the API lists the app's installations and answers unknown paths with JSON 404", async ({ request }) => {
  // Every spec's organization has its own installation: read every page.
  const listed: string[] = [];
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const list = await request.get(`/icr/api/app/installations?limit=10&page=${page}`, {
      headers: { authorization: `Bearer ${await appJwt()}` },
    });
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { items: { id: string }[]; pageCount: number };
    listed.push(...body.items.map((i) => i.id));
    pageCount = body.pageCount;
  }
  expect(listed).toContain(firstInstallationId);
  const unknown = await request.get("/icr/api/no/such/endpoint");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toMatch(/application\/json/);
  expect(await unknown.json()).toMatchObject({ statusCode: 404, error: "Not Found" });
  const plain = await request.post(`/icr/api/organizations/${orgId}/inventory/action/transfer`, {
    headers: { authorization: `Bearer ${installationToken}`, "content-type": "text/plain" },
    data: "{}",
  });
  expect(plain.status()).toBe(415);
});

test("[ICR] an install link with an unregistered redirectUri is refused and redirects nowhere", async ({
  browser,
  world,
}) => {
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await page.goto(installUrl("", "s", "https://evil.example/connect/icr/callback"));
  await expect(page.getByRole("heading", { name: "This link cannot install Carbonmark" })).toBeVisible();
  await expect(page.getByText("The return address is not registered for this app")).toBeVisible();
  await expect(page.getByRole("button", { name: "Install" })).toHaveCount(0);
  expect(new URL(page.url()).pathname).toBe("/icr/apps/carbonmark/installations/new");
  await page.screenshot({ path: "e2e/screenshots/icr-install-bad-redirect.png", fullPage: true });
  await ctx.close();
});

test("[ICR] a member is told that only admins can install apps", async ({ browser, baseURL, world }) => {
  const ctx = await signedInIcrContext(browser, world.icr.member);
  const page = await ctx.newPage();
  await page.goto(installUrl(baseURL!, "s"));
  await expect(page.getByText("Only organization admins can install apps")).toBeVisible();
  await expect(page.getByRole("button", { name: "Install" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/icr-install-member.png", fullPage: true });
  await ctx.close();
});

test("[ICR] admin uninstalls Carbonmark from the installed apps page", async ({ browser, world }) => {
  const ctx = await signedInIcrContext(browser, world.icr.admin);
  const page = await ctx.newPage();
  await page.goto(`/icr/organizations/${world.icr.organization.id}/apps`);
  const item = page.getByTestId("installation").filter({ hasText: "Carbonmark" });
  await expect(item.getByText("installed", { exact: true })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/icr-apps.png", fullPage: true });
  await item.getByRole("button", { name: "Uninstall" }).click();
  const dialog = page.getByRole("dialog", { name: "Uninstall Carbonmark?" });
  await expect(dialog).toContainText("Every access token Carbonmark holds for this organization is revoked.");
  await page.screenshot({ path: "e2e/screenshots/icr-uninstall-dialog.png" });
  await dialog.getByRole("button", { name: "Uninstall Carbonmark" }).click();
  await expect(dialog).toBeHidden();
  await expect(item.getByText("uninstalled", { exact: true })).toBeVisible();
  await expect(item.getByRole("button", { name: "Uninstall" })).toHaveCount(0);
  // The webhooks about this organization are listed for its admins, with their outcome.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("webhook-delivery").filter({ hasText: "uninstalled" }).first()).toContainText(
      "delivered",
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 20_000 });
  await page.screenshot({ path: "e2e/screenshots/icr-apps-uninstalled.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/icr-apps-uninstalled-mobile.png", fullPage: true });

  // The app's token stopped working, and the installation is gone for the app.
  expect(
    (
      await page.request.get(`/icr/api/organizations/${world.icr.organization.id}`, {
        headers: { authorization: `Bearer ${installationToken}` },
      })
    ).status(),
  ).toBe(401);
  expect(
    (
      await page.request.get(`/icr/api/app/installations/${firstInstallationId}`, {
        headers: { authorization: `Bearer ${await appJwt()}` },
      })
    ).status(),
  ).toBe(404);
  await ctx.close();
});
