import { createHmac, timingSafeEqual } from "node:crypto";

/** Checks `x-icr-signature-256` (sha256=<hex HMAC of the raw body>) in constant time. */
export function isValidIcrSignature(rawBody: string, header: string | null, secret: string): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(rawBody, "utf8").digest("hex"), "utf8");
  const given = Buffer.from(header.slice("sha256=".length).toLowerCase(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function signIcrBody(rawBody: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}
