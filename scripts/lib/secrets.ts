// Development secrets for the embedded stack: generated once, kept in <dataDir>/secrets.json.
// Variables already set in the environment always win (production sets them all).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Wallet } from "ethers";

export type TDevSecrets = {
  NEXTAUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  ICR_APP_PRIVATE_KEY: string;
  ICR_WEBHOOK_SECRET: string;
  REGISTRY_MNEMONIC: string;
  WALLET_KEK: string;
  WALLET_PIN_PEPPER: string;
};

// Secrets added after a data directory was first created are generated into its file on the next start.
function generateMissing(existing: Partial<TDevSecrets>): TDevSecrets | undefined {
  const missing: Partial<TDevSecrets> = {};
  if (!existing.WALLET_KEK) missing.WALLET_KEK = randomBytes(32).toString("base64");
  if (!existing.WALLET_PIN_PEPPER) missing.WALLET_PIN_PEPPER = randomBytes(32).toString("base64");
  return Object.keys(missing).length ? ({ ...existing, ...missing } as TDevSecrets) : undefined;
}

export function loadOrCreateDevSecrets(dataDir: string): { secrets: TDevSecrets; file: string; created: boolean } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const existing = JSON.parse(readFileSync(file, "utf8")) as Partial<TDevSecrets>;
    const completed = generateMissing(existing);
    if (completed) writeFileSync(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
    return { secrets: completed ?? (existing as TDevSecrets), file, created: !!completed };
  }
  const secrets = generateDevSecrets();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { secrets, file, created: true };
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
  };
}
