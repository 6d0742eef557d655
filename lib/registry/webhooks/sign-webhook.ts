import { bodySignature, isValidBodySignature } from "@/lib/webhooks/signature";

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the value of `x-icr-signature-256` (lib/webhooks/signature.ts). */
export function signWebhookBody(rawBody: string, secret: string): string {
  return bodySignature(rawBody, secret);
}

/** Constant-time check of a received `x-icr-signature-256` header. */
export function isValidWebhookSignature(rawBody: string, secret: string, header: string | null | undefined): boolean {
  return isValidBodySignature(rawBody, secret, header);
}
