import { bodySignature, isValidBodySignature } from "@/lib/webhooks/signature";

/** Checks `x-icr-signature-256` (sha256=<hex HMAC of the raw body>) in constant time (lib/webhooks/signature.ts). */
export function isValidIcrSignature(rawBody: string, header: string | null, secret: string): boolean {
  return isValidBodySignature(rawBody, secret, header);
}

export function signIcrBody(rawBody: string, secret: string): string {
  return bodySignature(rawBody, secret);
}
