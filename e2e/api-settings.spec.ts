// Settings → API end to end: a key made in settings reads the portfolio over HTTP, a read-only key
// cannot request an import, revoking refuses it at once; webhook endpoints (local receivers, allowed
// by the e2e server's WEBHOOKS_ALLOW_LOOPBACK) hear of an import arriving, and the delivery log shows it.
// The user (connected) and its organization are this spec's own (e2e/fixtures.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { importAndAccept, signInToCarbonmark } from "./carbonmark-helpers";
import { expect, test } from "./fixtures";
import { shootBoth } from "./screens";

async function receiver(status: number) {
  const bodies: { eventId: string; signature: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      bodies.push({
        eventId: String(req.headers["carbonmark-event-id"]),
        signature: String(req.headers["carbonmark-signature"]),
        body,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => server.close(),
  };
}

test.use({ worldOptions: { connected: true } });

test("API keys, webhook endpoints and deliveries", async ({ page, browser, world }) => {
  test.setTimeout(240_000);
  const good = await receiver(200);
  const bad = await receiver(500);
  const user = world.carbonmark.user;
  await signInToCarbonmark(page, user);

  await page.goto("/settings/api");
  await expect(page.getByRole("heading", { name: "API and webhooks" })).toBeVisible();
  await expect(page.getByTestId("no-api-keys")).toBeVisible();

  // A read-only key and a read-write key, each shown once.
  await page.getByLabel("Name").fill("Finance dashboard");
  await page.getByRole("button", { name: "Create key" }).click();
  const readKey = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(readKey).toMatch(/^cmk_/);
  await page.getByLabel("Name").fill("ERP integration");
  await page.getByLabel("Access").selectOption("read_write");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).not.toHaveText(readKey);
  await expect(page.getByTestId("api-key-row")).toHaveCount(2);
  await shootBoth(page, "carbonmark-settings-api-keys");

  const portfolio = await page.request.get("/api/v1/portfolio", { headers: { authorization: `Bearer ${readKey}` } });
  expect(portfolio.status()).toBe(200);
  expect(((await portfolio.json()) as { address: string }).address).toBe(user.address);
  const write = await page.request.post("/api/v1/imports", {
    headers: { authorization: `Bearer ${readKey}`, "idempotency-key": "e2e-read-only-key-write" },
    data: { creditId: "exPost-1-0x0", quantity: "1" },
  });
  expect(write.status()).toBe(403);

  // Endpoints: one that answers 200, one that answers 500; an http URL off loopback is refused.
  // A public IP literal: no lookup and no connection; plain http to a public address is refused.
  await page.getByLabel("Endpoint URL").fill("http://8.8.8.8/carbonmark");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText(/must start with https/)).toBeVisible();
  for (const r of [good, bad]) {
    await page.getByLabel("Endpoint URL").fill(r.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toBeVisible();
    await expect(page.getByTestId("webhook-endpoints").getByText(r.url)).toBeVisible();
  }
  await shootBoth(page, "carbonmark-settings-api-webhooks");

  await importAndAccept(page, browser, user, "1.5", { admin: world.icr.admin });
  await expect.poll(() => good.bodies.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const event = JSON.parse(good.bodies[0]!.body) as { id: string; type: string; data: { amount: string } };
  expect(event).toMatchObject({ type: "import.arrived", data: { amount: "1.5" } });
  expect(good.bodies[0]!.eventId).toBe(event.id);
  expect(good.bodies[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

  await page.goto("/settings/api");
  await expect(page.getByTestId("delivery-row")).toHaveCount(2);
  await expect(page.getByTestId("delivery-row").filter({ hasText: "delivered" })).toHaveCount(1);
  await shootBoth(page, "carbonmark-settings-api-deliveries");

  // Send again: the same event id once more.
  await page
    .getByTestId("delivery-row")
    .filter({ hasText: "delivered" })
    .getByRole("button", { name: "Send this event again" })
    .click();
  await expect.poll(() => good.bodies.length, { timeout: 20_000 }).toBe(2);
  expect(good.bodies[1]!.eventId).toBe(event.id);

  // Revoking the read key refuses it from the next request.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Revoke Finance dashboard" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Revoked" })).toHaveCount(1);
  const after = await page.request.get("/api/v1/portfolio", { headers: { authorization: `Bearer ${readKey}` } });
  expect(after.status()).toBe(401);
  good.close();
  bad.close();
});
