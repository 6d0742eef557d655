import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { signIcrBody } from "@/lib/carbonmark/webhooks/verify-signature";
import { POST, WEBHOOK_BODY_LIMIT_BYTES } from "./route";

const secret = () => process.env.ICR_WEBHOOK_SECRET!;
const bodyOf = (deliveryId: string, padding: number) =>
  JSON.stringify({
    event: "uninstalled",
    deliveryId,
    installation: { id: randomUUID(), organizationId: randomUUID() },
    padding: "x".repeat(padding),
  });
const post = (body: BodyInit, headers: Record<string, string>) =>
  POST(
    new Request("http://test/api/webhooks/icr", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
      duplex: "half",
    } as RequestInit),
  );

describe("ICR webhook receiver body limit", () => {
  it("a signed delivery under the limit is applied", async () => {
    const deliveryId = randomUUID();
    const raw = bodyOf(deliveryId, 100);
    const res = await post(raw, { "x-icr-signature-256": signIcrBody(raw, secret()), "x-icr-delivery": deliveryId });
    expect(res.status).toBe(200);
    expect(await prisma.cmWebhookDelivery.findUnique({ where: { deliveryId } })).not.toBeNull();
  });

  it("a body over 64 KiB is refused with 413 before anything else, even when correctly signed", async () => {
    const deliveryId = randomUUID();
    const raw = bodyOf(deliveryId, WEBHOOK_BODY_LIMIT_BYTES);
    const res = await post(raw, {
      "x-icr-signature-256": signIcrBody(raw, secret()),
      "x-icr-delivery": deliveryId,
      "content-length": String(Buffer.byteLength(raw)),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/larger than 65536 bytes/);
    expect(await prisma.cmWebhookDelivery.findUnique({ where: { deliveryId } })).toBeNull();
  });

  it("a streamed body without content-length is cut off at the limit (413)", async () => {
    const deliveryId = randomUUID();
    const raw = bodyOf(deliveryId, 4 * WEBHOOK_BODY_LIMIT_BYTES);
    let pulled = 0;
    const chunks = raw.match(/[\s\S]{1,8192}/g)!;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks[pulled++];
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await post(stream, { "x-icr-signature-256": signIcrBody(raw, secret()), "x-icr-delivery": deliveryId });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(chunks.length); // it stopped reading
    expect(await prisma.cmWebhookDelivery.findUnique({ where: { deliveryId } })).toBeNull();
  });
});

describe("ICR webhook receiver signature", () => {
  it.each([
    ["signed with another secret", (raw: string) => signIcrBody(raw, "not-the-webhook-secret-0123456789")],
    ["signed for another body", (raw: string) => signIcrBody(raw.replace("uninstalled", "installed"), secret())],
    ["not hex", () => "sha256=zz"],
  ])("a delivery whose x-icr-signature-256 is %s is refused with 401 and changes nothing", async (_, sign) => {
    const deliveryId = randomUUID();
    const raw = bodyOf(deliveryId, 10);
    const res = await post(raw, { "x-icr-signature-256": sign(raw), "x-icr-delivery": deliveryId });
    expect(res.status).toBe(401);
    expect(await prisma.cmWebhookDelivery.findUnique({ where: { deliveryId } })).toBeNull();
  });

  it("a delivery without the signature header is refused with 401", async () => {
    const deliveryId = randomUUID();
    const res = await post(bodyOf(deliveryId, 10), { "x-icr-delivery": deliveryId });
    expect(res.status).toBe(401);
    expect(await prisma.cmWebhookDelivery.findUnique({ where: { deliveryId } })).toBeNull();
  });
});
