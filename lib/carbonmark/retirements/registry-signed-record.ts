// Carbonmark's check of the registry's signed record of a retirement: the record and its signature
// from the registry's public record URL, verified against the registry's published keys (JWKS),
// both fetched over HTTP from ICR_WEB_URL, without any user's token. The chain half of the verdict
// is checked elsewhere; this says only whether the registry signed this record.
import { z } from "zod";
import { createReadCache } from "@/lib/cache/read-cache";
import { config } from "@/lib/config";
import { verifySignedRecord, ZJwks, type TRetirementRecord } from "@/lib/proof/signed-record";

export type TSignedRecordCheck =
  | { valid: true; kid: string; record: TRetirementRecord }
  | {
      valid: false;
      /** invalid: the registry's answer does not verify; unsigned: not final at the registry yet; unavailable: could not check now */
      state: "invalid" | "unsigned" | "unavailable";
      reason: string;
      kid?: string;
    };

const TIMEOUT_MS = 5_000;
const ZSigned = z.object({ record: z.string(), jws: z.string(), kid: z.string() });

class RegistryUnavailable extends Error {}

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(`${config().ICR_WEB_URL}${path}`, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: "no-store",
    });
  } catch {
    throw new RegistryUnavailable("the registry cannot be reached");
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  return { status: res.status, body };
}

// The registry's keys: kept 5 minutes, read again at once when a record names a key not among them
// (a key first used after they were read).
const jwksCache = createReadCache<z.infer<typeof ZJwks>>({ ttlMs: 300_000 });
async function registryJwks(fresh = false) {
  if (fresh) jwksCache.forget("jwks");
  return jwksCache.read("jwks", async () => {
    const { status, body } = await getJson("/certificates/jwks.json");
    const jwks = ZJwks.safeParse(body);
    if (status !== 200 || !jwks.success) throw new RegistryUnavailable("the registry's published keys cannot be read");
    return jwks.data;
  });
}

// A verified record does not change: kept 10 minutes per retirement (failures are not kept).
const verified = createReadCache<TSignedRecordCheck>({ ttlMs: 600_000, maxKeys: 5_000, keep: (c) => c.valid });

/**
 * Whether the registry signed the record of ICR retirement `icrRetirementId`, and the record it
 * signed. `expect` (what Carbonmark itself recorded) must agree with the record: a valid signature
 * over another retirement's facts is not this retirement's.
 */
export function checkRegistrySignedRecord(
  icrRetirementId: string,
  expect: { txHash?: string | null } = {},
): Promise<TSignedRecordCheck> {
  return verified.read(`${icrRetirementId}:${expect.txHash ?? ""}`, () => check(icrRetirementId, expect));
}

async function check(icrRetirementId: string, expect: { txHash?: string | null }): Promise<TSignedRecordCheck> {
  try {
    const { status, body } = await getJson(`/retirements/${encodeURIComponent(icrRetirementId)}/record`);
    if (status === 409)
      return { valid: false, state: "unsigned", reason: "the registry has not finalized this retirement yet" };
    if (status === 404) return { valid: false, state: "invalid", reason: "the registry knows no such retirement" };
    const signed = ZSigned.safeParse(body);
    if (status !== 200 || !signed.success)
      return { valid: false, state: "unavailable", reason: `the registry's record cannot be read (HTTP ${status})` };
    let jwks = await registryJwks();
    if (!jwks.keys.some((k) => k.kid === signed.data.kid)) jwks = await registryJwks(true);
    const verdict = await verifySignedRecord({ record: signed.data.record, jws: signed.data.jws, jwks });
    if (!verdict.valid) return { valid: false, state: "invalid", reason: verdict.reason, kid: verdict.kid };
    const r = verdict.record;
    const differs = [
      r.id.toLowerCase() !== icrRetirementId.toLowerCase() && "retirement id",
      expect.txHash && r.txHash.toLowerCase() !== expect.txHash.toLowerCase() && "transaction",
    ].filter(Boolean);
    if (differs.length)
      return {
        valid: false,
        state: "invalid",
        kid: verdict.kid,
        reason: `the signed record is of another retirement (${differs.join(", ")} differ)`,
      };
    return { valid: true, kid: verdict.kid, record: r };
  } catch (err) {
    if (err instanceof RegistryUnavailable) return { valid: false, state: "unavailable", reason: err.message };
    throw err;
  }
}
