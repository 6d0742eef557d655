// Signing of webhook deliveries. Two wire forms, one HMAC-SHA256:
// - timestamped, as Stripe does: over `${timestamp}.${body}`, sent as `t=<unix seconds>,v1=<hex>`
//   (Carbonmark's `Carbonmark-Signature`). The timestamp is signed, so a receiver that refuses old
//   timestamps refuses replays;
// - body only, as GitHub does: `sha256=<hex>` over the raw body (ICR's `x-icr-signature-256`).
// Neutral: knows no side of the app; each side names its header.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How old a signed timestamp a receiver accepts by default (and how far in the future). */
export const SIGNATURE_TOLERANCE_S = 5 * 60;

export function signatureHex(body: string, secret: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The signature header value for `body` signed at `now`. */
export function signatureHeader(body: string, secret: string, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signatureHex(body, secret, t)}`;
}

export type TSignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks a received signature header against the raw body: a `v1` matching in constant time, and a
 * timestamp within `toleranceS` of `now` (an old one is a replay). Several `v1` values may be sent
 * while a secret rotates; one matching is enough.
 */
export function verifySignatureHeader(opts: {
  body: string;
  header: string | null | undefined;
  secret: string;
  now?: Date;
  toleranceS?: number;
}): TSignatureCheck {
  if (!opts.header) return { ok: false, reason: "no signature header" };
  const parts = opts.header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  const sigs = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v!);
  if (!Number.isInteger(t) || sigs.length === 0) return { ok: false, reason: "malformed signature header" };
  const expected = Buffer.from(signatureHex(opts.body, opts.secret, t));
  const match = sigs.some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!match) return { ok: false, reason: "signature does not match" };
  const age = Math.floor((opts.now ?? new Date()).getTime() / 1000) - t;
  if (Math.abs(age) > (opts.toleranceS ?? SIGNATURE_TOLERANCE_S)) return { ok: false, reason: "timestamp too old" };
  return { ok: true, timestamp: t };
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`: the body-only form (as GitHub's `X-Hub-Signature-256`). */
export function bodySignature(rawBody: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** Constant-time check of a received body-only signature (`sha256=` and 64 hex digits, either case). */
export function isValidBodySignature(rawBody: string, secret: string, header: string | null | undefined): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(bodySignature(rawBody, secret));
  const given = Buffer.from(header.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
