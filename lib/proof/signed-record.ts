// The registry's signed record of a retirement, and how anyone checks it. Neutral: the registry
// signs with it, its verify endpoint, the offline CLI (scripts/verify-certificate.ts) and Carbonmark
// verify with it. The record is RFC 8785 JSON (exact bytes), the signature a detached compact JWS
// (RFC 7515 appendix F: `<header>..<signature>`, EdDSA / Ed25519) whose header names the key (`kid`).
import canonicalize from "canonicalize";
import { createLocalJWKSet, errors, flattenedVerify, type JSONWebKeySet } from "jose";
import { z } from "zod";
import { sha256Hex } from "@/lib/crypto/sha256";

export const SIGNED_RECORD_ALG = "EdDSA";
/** The JWS `typ` of a retirement record's signature. */
export const SIGNED_RECORD_TYP = "icr-retirement-record+jws";

const ZDecimal = z.string().regex(/^\d+(\.\d+)?$/, "an exact decimal string");

/** What the registry vouches for, version 1. Commitment and salt only when the retirement bound its details on chain. */
export const ZRetirementRecord = z.object({
  v: z.literal(1),
  type: z.literal("icr-retirement"),
  id: z.uuid(),
  chainId: z.string().regex(/^\d+$/),
  contract: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  tokenId: z.string().regex(/^\d+$/),
  txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  logIndex: z.number().int().min(0),
  account: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  /** tCO₂e */
  amount: ZDecimal,
  serialization: z.string(),
  vintage: z.string(),
  project: z.object({ id: z.string(), num: z.string(), name: z.string() }),
  /** null while hidden from the public (then `beneficiaryHiddenUntil` says until when) */
  beneficiary: z.string().nullable(),
  beneficiaryHiddenUntil: z.iso.datetime().optional(),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  /** the `DetailsBound` commitment of the burn (lib/proof/retirement-commitment.ts) */
  commitment: z.string().optional(),
  /** its salt: with beneficiary, reason and comment, anyone recomputes the commitment (left out while the beneficiary is hidden) */
  commitmentSalt: z.string().optional(),
  finalizedAt: z.iso.datetime(),
});
export type TRetirementRecord = z.infer<typeof ZRetirementRecord>;

/** The exact bytes signed: RFC 8785 JSON of the record. */
export function canonicalRecord(record: TRetirementRecord): string {
  return canonicalize(record)!;
}

/** What a certificate prints of its signature: hex SHA-256 of the JWS. */
export const signatureDigest = (jws: string) => sha256Hex(jws);

export type TRecordVerdict =
  | { valid: true; kid: string; record: TRetirementRecord; digest: string }
  | { valid: false; reason: string; kid?: string };

const fail = (reason: string, kid?: string): TRecordVerdict => ({ valid: false, reason, ...(kid ? { kid } : {}) });

/** A JWKS as published, checked enough to use. */
export const ZJwks = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

/**
 * Checks a signed record: the JWS is well formed, EdDSA, signed by a key of `jwks` (found by its
 * kid) over exactly `record`, and the record is canonical and of the known shape. Never throws:
 * a failure says why.
 */
export async function verifySignedRecord(input: {
  record: string;
  jws: string;
  jwks: JSONWebKeySet;
}): Promise<TRecordVerdict> {
  const parts = input.jws.trim().split(".");
  if (parts.length !== 3 || parts[1] !== "")
    return fail("the signature is not a detached compact JWS (header..signature)");
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as typeof header;
  } catch {
    return fail("the signature's header is not readable JSON");
  }
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  if (!kid) return fail("the signature names no key (kid)");
  if (header.alg !== SIGNED_RECORD_ALG)
    return fail(`the signature's algorithm is ${String(header.alg)}, not EdDSA`, kid);
  if (!input.jwks.keys.some((k) => k.kid === kid))
    return fail(`the key ${kid} that signed it is not in the registry's published keys (JWKS)`, kid);
  try {
    await flattenedVerify(
      { protected: parts[0]!, payload: Buffer.from(input.record, "utf8").toString("base64url"), signature: parts[2]! },
      createLocalJWKSet(input.jwks),
      { algorithms: [SIGNED_RECORD_ALG] },
    );
  } catch (err) {
    if (err instanceof errors.JWSSignatureVerificationFailed)
      return fail(`the signature does not match the record: the record or the signature was altered`, kid);
    return fail(`the signature cannot be checked: ${(err as Error).message}`, kid);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.record);
  } catch {
    return fail("the signed record is not JSON", kid);
  }
  const record = ZRetirementRecord.safeParse(parsed);
  if (!record.success)
    return fail(`the signed record is not a retirement record (${record.error.issues[0]?.message})`, kid);
  if (canonicalRecord(record.data) !== input.record) return fail("the signed record is not in canonical form", kid);
  return { valid: true, kid, record: record.data, digest: signatureDigest(input.jws) };
}
