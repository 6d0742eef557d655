// Helpers of the ICR e2e specs: signing in (a spec's own users afresh; the demo ones, for the story,
// from a sign-in state saved once per run), and API calls that create the data a test needs (org
// access token → transfer requests).
import { existsSync, mkdirSync } from "node:fs";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { Wallet } from "ethers";

export const ICR_USERS = {
  admin: { email: "admin@verdant.test", password: "icr-admin-demo" },
  member: { email: "member@verdant.test", password: "icr-member-demo" },
} as const;
export const VERDANT = "Verdant Forest Holdings";

/** An ICR user to sign in as: a demo one by name, or a spec's own (e2e/fixtures.ts). */
export type TIcrSignIn = keyof typeof ICR_USERS | { email: string; password: string };

/** Signs in through the ICR sign-in form (used by the one UI sign-in test and to make storage states). */
export async function signInThroughUi(page: Page, who: TIcrSignIn) {
  const user = typeof who === "string" ? ICR_USERS[who] : who;
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A fresh browser context signed in as a spec's own ICR user (nothing saved between specs). */
export async function signedInIcrContext(browser: Browser, who: { email: string; password: string }) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/icr/sign-in");
  await signInThroughUi(page, who);
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await page.close();
  return ctx;
}

/** A browser context already signed in as `who` (signed in once per run, then reused from storageState). */
export async function icrContext(browser: Browser, who: keyof typeof ICR_USERS): Promise<BrowserContext> {
  const path = `test-results/.auth/icr-${who}.json`;
  if (!existsSync(path)) {
    mkdirSync("test-results/.auth", { recursive: true });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto("/icr/sign-in");
    await signInThroughUi(page, who);
    await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
    await ctx.storageState({ path });
    await ctx.close();
  }
  return browser.newContext({ storageState: path });
}

/** A browser context signed in as `who`: a demo user from its saved sign-in, a spec's own user afresh. */
export function icrContextFor(browser: Browser, who: TIcrSignIn): Promise<BrowserContext> {
  return typeof who === "string" ? icrContext(browser, who) : signedInIcrContext(browser, who);
}

/** Creates an organization access token through the tokens page (as an admin) and returns it. */
export async function createTokenThroughPage(
  page: Page,
  orgId: string,
  name: string,
  permissions: string[],
): Promise<string> {
  await page.goto(`/icr/organizations/${orgId}/tokens`);
  await page.getByLabel("Name").fill(name);
  for (const box of await page.getByRole("checkbox").all()) {
    const value = await box.getAttribute("value");
    await box.setChecked(permissions.includes(value ?? ""));
  }
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^crs_[0-9A-Za-z]{40}$/);
  return token;
}

export type TApi = { request: APIRequestContext; token: string; orgId: string };

/** The first inventory item with at least `min` available. */
export async function pickCredit(
  api: TApi,
  min = 1,
): Promise<{ id: string; serialization: string; available: number }> {
  const res = await api.request.get(`/icr/api/organizations/${api.orgId}/inventory`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  const items = (Array.isArray(body) ? body : (body.items ?? body.inventory ?? [])) as {
    id: string;
    serialization: string;
    available?: number;
    amount: number;
  }[];
  const item = items.find((i) => (i.available ?? i.amount) >= min);
  if (!item) throw new Error("no credit with enough available");
  return { id: item.id, serialization: item.serialization, available: item.available ?? item.amount };
}

/** Requests a transfer over the ICR API (as Carbonmark would) to a fresh address; returns the request id and the address. */
export async function requestTransfer(
  api: TApi,
  creditId: string,
  amount: string,
  toAddress = Wallet.createRandom().address,
) {
  const res = await api.request.post(`/icr/api/organizations/${api.orgId}/inventory/action/transfer`, {
    headers: { authorization: `Bearer ${api.token}`, "x-icr-api-version": "2023-06-16" },
    data: { creditId, amount, toAddress },
  });
  const body = await res.json();
  expect(res.status(), JSON.stringify(body)).toBeLessThan(300);
  return { id: body.id as string, toAddress };
}
