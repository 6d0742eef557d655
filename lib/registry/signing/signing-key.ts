// The registry's certificate signing key (ICR_SIGNING_KEY, Ed25519) and the keys it publishes.
// The private key lives only in the environment; each key's public half is recorded in
// icr_signing_key before its first signature, so the JWKS keeps every key a certificate names,
// whichever key is current (rotation: set a new ICR_SIGNING_KEY, nothing else).
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, type JSONWebKeySet, type JWK } from "jose";
import { config } from "@/lib/config";
import { prisma, type TDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SIGNED_RECORD_ALG } from "@/lib/proof/signed-record";

export type TSigningKey = { kid: string; privateKey: KeyObject; publicJwk: JWK };

let current: { pem: string; key: Promise<TSigningKey> } | undefined;

async function load(pem: string): Promise<TSigningKey> {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error(`ICR_SIGNING_KEY must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  const { kty, crv, x } = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint({ kty, crv, x });
  return { kid, privateKey, publicJwk: { kty, crv, x, kid, alg: SIGNED_RECORD_ALG, use: "sig" } };
}

/** The key new certificates are signed with (ICR_SIGNING_KEY; read again when it changes). */
export function currentSigningKey(): Promise<TSigningKey> {
  const pem = config().ICR_SIGNING_KEY;
  if (current?.pem !== pem) current = { pem, key: load(pem) };
  return current.key;
}

/** Records the key's public half (once) so the JWKS publishes it before any certificate names it. */
export async function recordSigningKey(db: TDb, key: TSigningKey): Promise<void> {
  await db.icrSigningKey.upsert({
    where: { kid: key.kid },
    create: { kid: key.kid, publicJwk: key.publicJwk as Prisma.InputJsonValue },
    update: {},
  });
}

/** The registry's published keys: every key it has signed with, newest first. */
export async function publishedJwks(): Promise<JSONWebKeySet> {
  const rows = await prisma.icrSigningKey.findMany({ orderBy: { createdAt: "desc" } });
  return { keys: rows.map((r) => r.publicJwk as unknown as JWK) };
}
