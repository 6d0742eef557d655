import { FlattenedSign } from "jose";
import type { TDb } from "@/lib/db";
import {
  canonicalRecord,
  SIGNED_RECORD_ALG,
  SIGNED_RECORD_TYP,
  type TRetirementRecord,
} from "@/lib/proof/signed-record";
import { currentSigningKey, recordSigningKey } from "@/lib/registry/signing/signing-key";

export type TSignedRecord = { record: string; jws: string; kid: string };

/**
 * Signs a retirement record with the current key: the canonical bytes and a detached compact JWS
 * over them. The key's public half is recorded (in `db`'s transaction) before the signature exists.
 */
export async function signRecord(db: TDb, record: TRetirementRecord): Promise<TSignedRecord> {
  const key = await currentSigningKey();
  await recordSigningKey(db, key);
  const bytes = canonicalRecord(record);
  const jws = await new FlattenedSign(new TextEncoder().encode(bytes))
    .setProtectedHeader({ alg: SIGNED_RECORD_ALG, kid: key.kid, typ: SIGNED_RECORD_TYP })
    .sign(key.privateKey);
  return { record: bytes, jws: `${jws.protected}..${jws.signature}`, kid: key.kid };
}
