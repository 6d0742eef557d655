// Development secrets for the embedded stack: generated once, kept in <dataDir>/secrets.json.
// Variables already set in the environment always win (production sets them all). The file also
// holds the embedded PostgreSQL superuser's password, which is not an app variable (the app gets
// DATABASE_URL).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Wallet } from "ethers";

/** The Carbonmark app's id on the embedded ICR sandbox (development and tests). */
export const DEV_APP_ID = "7c1e5a52-6d0b-4c43-9f7e-3c5b0a9d2e11";

export type TDevSecrets = {
  NEXTAUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  ICR_APP_PRIVATE_KEY: string;
  ICR_WEBHOOK_SECRET: string;
  REGISTRY_MNEMONIC: string;
  WALLET_KEK: string;
  WALLET_PIN_PEPPER: string;
  ICR_SIGNING_KEY: string;
};

/** What secrets.json holds: the app's secrets and the embedded PostgreSQL's superuser password. */
type TSecretsFile = TDevSecrets & { EMBEDDED_POSTGRES_PASSWORD: string };

/** A fresh Ed25519 certificate signing key, PKCS#8 PEM (ICR_SIGNING_KEY). */
export const newSigningKey = () =>
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

export const newPostgresPassword = () => randomBytes(24).toString("hex");

// Secrets added after a data directory was first created are generated into its file on the next start.
// A PostgreSQL cluster made before its password was generated still has the old fixed one:
// startEmbeddedPostgres changes it to this file's on its first start (lib/stack/postgres.ts).
function generateMissing(existing: Partial<TSecretsFile>): TSecretsFile | undefined {
  const missing: Partial<TSecretsFile> = {};
  if (!existing.WALLET_KEK) missing.WALLET_KEK = randomBytes(32).toString("base64");
  if (!existing.WALLET_PIN_PEPPER) missing.WALLET_PIN_PEPPER = randomBytes(32).toString("base64");
  if (!existing.ICR_SIGNING_KEY) missing.ICR_SIGNING_KEY = newSigningKey();
  if (!existing.EMBEDDED_POSTGRES_PASSWORD) missing.EMBEDDED_POSTGRES_PASSWORD = newPostgresPassword();
  return Object.keys(missing).length ? ({ ...existing, ...missing } as TSecretsFile) : undefined;
}

export function loadOrCreateDevSecrets(dataDir: string): {
  secrets: TDevSecrets;
  /** The embedded PostgreSQL superuser's password (set at initdb; not an app variable). */
  postgresPassword: string;
  file: string;
  created: boolean;
} {
  const file = path.join(dataDir, "secrets.json");
  let all: TSecretsFile;
  let created = true;
  if (existsSync(file)) {
    const existing = JSON.parse(readFileSync(file, "utf8")) as Partial<TSecretsFile>;
    const completed = generateMissing(existing);
    if (completed) writeFileSync(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
    all = completed ?? (existing as TSecretsFile);
    created = !!completed;
  } else {
    all = { ...generateDevSecrets(), EMBEDDED_POSTGRES_PASSWORD: newPostgresPassword() };
    writeFileSync(file, JSON.stringify(all, null, 2), { mode: 0o600 });
  }
  const { EMBEDDED_POSTGRES_PASSWORD: postgresPassword, ...secrets } = all;
  return { secrets, postgresPassword, file, created };
}

/** Fresh random values for every secret the app needs (development and tests only). */
export function generateDevSecrets(): TDevSecrets {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    ICR_APP_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    ICR_WEBHOOK_SECRET: randomBytes(24).toString("base64url"),
    REGISTRY_MNEMONIC: Wallet.createRandom().mnemonic!.phrase,
    WALLET_KEK: randomBytes(32).toString("base64"),
    WALLET_PIN_PEPPER: randomBytes(32).toString("base64"),
    ICR_SIGNING_KEY: newSigningKey(),
  };
}
