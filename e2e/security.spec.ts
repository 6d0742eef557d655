// Security headers on every kind of response, CSP that the pages live with, the open-redirect fix,
// sign-in rate limits as a person sees them, and sign-out ending a copied session. The users who
// sign in are this spec's own (e2e/fixtures.ts): their sessions and devices are nobody else's.
import { randomUUID } from "node:crypto";
import { type APIResponse, type Page } from "@playwright/test";
import { E2E_BASE_URL } from "../playwright.config";
import { signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test } from "./fixtures";

function expectCommonHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  // Served over plain http here: no HSTS (it is sent when APP_URL is https or a trusted proxy says https).
  expect(h["strict-transport-security"]).toBeUndefined();
}

function expectPageCsp(res: APIResponse): string {
  const csp = res.headers()["content-security-policy"]!;
  const scriptSrc = csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(csp).toContain("object-src 'none'");
  return /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
}

/** Collects CSP violations reported in the console while a flow runs. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test("[HEADERS] every page kind carries CSP with a fresh nonce, frame-ancestors 'none', nosniff and a referrer policy", async ({
  request,
}) => {
  const pages = [
    "/",
    "/sign-in",
    "/sign-up",
    "/retirements",
    "/icr",
    "/icr/sign-in",
    "/icr/retirements",
    "/icr/docs",
    "/no-such-page",
  ];
  for (const path of pages) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBeLessThan(500);
    expectCommonHeaders(res);
    const nonce = expectPageCsp(res);
    const html = await res.text();
    // Next.js puts the nonce on the scripts it renders; a second request gets another nonce.
    expect(html, path).toContain(`nonce="${nonce}"`);
    expect(expectPageCsp(await request.get(path, { maxRedirects: 0 }))).not.toBe(nonce);
  }

  // A signed-in page's early redirect to sign-in carries the headers too.
  const redirect = await request.get("/portfolio", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectCommonHeaders(redirect);

  // API routes (both sides), next-auth and the certificate / PDF routes.
  const documents = [
    "/api/health",
    "/api/auth/csrf",
    "/api/carbonmark/portfolio",
    "/icr/api/openapi.json",
    "/icr/api/organizations/00000000-0000-0000-0000-000000000000",
    `/icr/retirements/${randomUUID()}/certificate`,
    `/icr/api/retirements/${randomUUID()}/pdf`,
    `/api/carbonmark/retirements/${randomUUID()}/certificate`,
  ];
  for (const path of documents) {
    const res = await request.get(path, { maxRedirects: 0 });
    expectCommonHeaders(res);
  }
});

test("[HEADERS] every HTML answer carries the page CSP: Next.js's 404 under /api or …/certificate, next-auth's own pages", async ({
  request,
}) => {
  // Paths no route handler serves: Next.js answers them with its HTML 404 page, scripts included.
  for (const path of [
    "/api/no-such-thing",
    "/api/carbonmark/no-such-thing",
    `/icr/retirements/${randomUUID()}/extra/certificate`,
    "/no/certificate",
    "/favicon.icoX",
    "/_next/staticX",
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(404);
    expect(res.headers()["content-type"], path).toContain("text/html");
    expectCommonHeaders(res);
    const nonce = expectPageCsp(res);
    expect(await res.text(), path).toContain(`nonce="${nonce}"`);
  }
  // next-auth renders its sign-out confirmation itself (inline styles, no script).
  const signOut = await request.get("/api/auth/signout", { maxRedirects: 0 });
  expect(signOut.headers()["content-type"]).toContain("text/html");
  expectCommonHeaders(signOut);
  expectPageCsp(signOut);
});

test("[HEADERS] another site cannot frame the PIN page or the ICR consent page", async ({ page }) => {
  for (const path of ["/settings/pin", "/icr/apps/carbonmark/installations/new"]) {
    const refused = page.waitForEvent("console", {
      predicate: (m) => /frame-ancestors 'none'|Refused to (display|frame)/.test(m.text()),
      timeout: 15_000,
    });
    await page.setContent(
      `<h1>evil.example</h1><iframe src="${E2E_BASE_URL}${path}" width="800" height="600"></iframe>`,
    );
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await frame.getByRole("button").count(), path).toBe(0);
  }
});

test("[CSP] the main pages run with CSP on and report no violation", async ({ page, world }) => {
  const violations = watchCsp(page);
  await page.goto("/");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(world.carbonmark.user.email);
  await page.getByLabel("Password").fill(world.carbonmark.user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
  await page.goto("/import");
  await page.goto("/settings/pin");
  await expect(page.getByLabel("Current PIN")).toBeVisible();
  await page.goto("/icr/sign-in");
  await page.getByLabel("Email").fill(world.icr.admin.email);
  await page.getByLabel("Password").fill(world.icr.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await page.goto("/icr/docs");
  expect(violations).toEqual([]);
});

test("[REDIRECT] signing in from /sign-in?callbackUrl=/%09/evil.com stays on our site", async ({ page, world }) => {
  await page.goto("/sign-in?callbackUrl=/%09/evil.com");
  await page.getByLabel("Email").fill(world.carbonmark.user.email);
  await page.getByLabel("Password").fill(world.carbonmark.user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
  expect(new URL(page.url()).origin).toBe(new URL(E2E_BASE_URL).origin);

  // Already signed in, the sign-in and set-PIN pages redirect at once: still our origin.
  for (const path of [
    "/sign-in?callbackUrl=/%09/evil.com",
    "/sign-in?callbackUrl=/%5C%5Cevil.com",
    "/wallet/set-pin?next=/%09/evil.com",
    "/icr/sign-in?returnTo=/icr/%2F%2Fevil.com",
  ]) {
    await page.goto(path);
    expect(new URL(page.url()).origin, path).toBe(new URL(E2E_BASE_URL).origin);
  }
});

/** Clicks "Sign in" and waits until its POST is answered and the button is ready again. */
async function submitAndWait(page: Page, path: string) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === path);
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

test("[RATE LIMIT] the 11th wrong password is refused with 'Too many attempts', on both sign-in pages", async ({
  page,
}) => {
  const email = `guess-${randomUUID().slice(0, 8)}@carbonmark.test`;
  const formAlert = page.locator("form").getByRole("alert");
  await page.goto("/sign-in");
  for (let i = 0; i < 11; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await submitAndWait(page, "/api/auth/callback/credentials");
    await expect(formAlert).toHaveText(
      i < 10 ? "The email or the password is not right." : /^Too many attempts, try again in 1[45] minutes\.$/,
    );
  }
  await page.screenshot({ path: "e2e/screenshots/carbonmark-sign-in-rate-limited.png", fullPage: true });

  await page.goto("/icr/sign-in");
  for (let i = 0; i < 11; i++) {
    await page.getByLabel("Email").fill(email.replace("carbonmark", "icr"));
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await submitAndWait(page, "/icr/sign-in");
    await expect(formAlert).toHaveText(
      i < 10 ? "Wrong email or password" : /^Too many attempts, try again in 1[45] minutes\.$/,
    );
  }
  await page.screenshot({ path: "e2e/screenshots/icr-sign-in-rate-limited.png", fullPage: true });
});

test("[SESSION] a copied session cookie stops working after sign-out", async ({ browser, world }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(world.carbonmark.user.email);
  await page.getByLabel("Password").fill(world.carbonmark.user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 20_000 });
  const copied = (await ctx.cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(copied).toHaveLength(1);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/portfolio");
  await expect(thiefPage.getByRole("heading", { name: "Portfolio" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await thief.clearCookies();
  await thief.addCookies(copied);
  await thiefPage.goto("/portfolio");
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await expect(thiefPage.getByRole("heading", { name: "Sign in to Carbonmark" })).toBeVisible();
  await ctx.close();
  await thief.close();
});

test("[SESSION] sign-out works without JavaScript (a plain form) and ends the session", async ({ browser, world }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInToCarbonmark(page, world.carbonmark.user);
  const cookies = await ctx.cookies();
  expect(cookies.filter((c) => c.name.includes("next-auth.session-token"))).toHaveLength(1);

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  await noJs.addCookies(cookies);
  const noJsPage = await noJs.newPage();
  await noJsPage.goto("/portfolio");
  await expect(noJsPage.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await noJsPage.getByRole("button", { name: "Sign out" }).click();
  await expect(noJsPage).toHaveURL(/\/sign-in/);
  expect((await noJs.cookies()).filter((c) => c.name.includes("next-auth.session-token"))).toHaveLength(0);

  // The browser that signed in held the same session: it is over there too.
  await page.goto("/portfolio");
  await expect(page).toHaveURL(/\/sign-in/);
  await ctx.close();
  await noJs.close();
});

test("[RATE LIMIT] PIN guessing is refused with 'Too many attempts' after 10 wrong PINs", async ({
  browser,
  worlds,
}, testInfo) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // A user of its own: its PIN stays locked after this test.
  await signInToCarbonmark(page, (await worlds.forSpec(testInfo, {}, "pin-guess")).carbonmark.user);
  await page.goto("/settings/pin");
  const messages: string[] = [];
  for (let i = 0; i < 11; i++) {
    await page.getByLabel("Current PIN").fill(String(900000 + i));
    await page.getByLabel("New PIN", { exact: true }).fill("135790");
    await page.getByLabel("Repeat the new PIN").fill("135790");
    await page.getByRole("button", { name: "Change PIN" }).click();
    const alert = page
      .getByRole("alert")
      .filter({ hasText: i < 10 ? /PIN/ : /Too many attempts/ })
      .last();
    await expect(alert).toBeVisible({ timeout: 15_000 });
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages[10]).toMatch(/Too many attempts, try again in 1[45] minutes\./);
  await page.screenshot({ path: "e2e/screenshots/carbonmark-pin-rate-limited.png", fullPage: true });
  await ctx.close();
});

test("[RATE LIMIT] a stranger's wrong passwords lock other browsers, not the one the owner signed in on", async ({
  browser,
  playwright,
}) => {
  // The owner signs up in this browser (which signs it in): the browser becomes a known device.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/sign-up");
  const email = `owner-${randomUUID().slice(0, 8)}@carbonmark.test`;
  await ownerPage.getByLabel("Name").fill("Owner");
  await ownerPage.getByLabel("Email").fill(email);
  await ownerPage.getByLabel("Password").fill("the-owners-password-1");
  await ownerPage.getByRole("button", { name: "Create account" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Set your wallet PIN" })).toBeVisible();
  const device = (await owner.cookies()).find((c) => c.name === "cm_device")!;
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(device.expires * 1000).toBeGreaterThan(Date.now() + 399 * 86400_000);
  await owner.clearCookies({ name: /session-token/ });

  // The stranger scripts next-auth's own requests: CSRF token first, then the form.
  const stranger = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const { csrfToken } = (await (await stranger.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = (password: string) =>
    new URLSearchParams({ email, password, csrfToken, json: "true", callbackUrl: `${E2E_BASE_URL}/` }).toString();
  const post = (body: string) =>
    stranger.post("/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      data: body,
      maxRedirects: 0,
    });

  // A repeated email field (a decoy first, the owner last) is refused before it is counted or tried.
  const twice = await post(`email=decoy%40carbonmark.test&${form("the-owners-password-1")}`);
  expect(twice.status()).toBe(400);
  expect(((await twice.json()) as { error: string }).error).toBe('The field "email" was sent more than once.');
  // Without next-auth's CSRF token: refused as next-auth refuses it.
  const noCsrf = await post(new URLSearchParams({ email, password: "x", json: "true" }).toString());
  expect(noCsrf.status()).toBe(403);

  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await post(form(`stranger-guess-${i}`))).status());
  expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
  await stranger.dispose();

  // Any other browser is locked out of the account, even with the right password ...
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/sign-in");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill("the-owners-password-1");
  await submitAndWait(otherPage, "/api/auth/callback/credentials");
  await expect(otherPage.locator("form").getByRole("alert")).toHaveText(
    /^Too many attempts, try again in 1[45] minutes\.$/,
  );

  // ... but the owner's browser signs in.
  await ownerPage.goto("/sign-in");
  await ownerPage.getByLabel("Email").fill(email);
  await ownerPage.getByLabel("Password").fill("the-owners-password-1");
  await ownerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(ownerPage).not.toHaveURL(/\/sign-in/, { timeout: 20_000 });
  expect((await owner.cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);
  expect((await owner.cookies()).find((c) => c.name === "cm_device")?.value).toBe(device.value);
  await owner.close();
  await other.close();
});
