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
};

export function loadOrCreateDevSecrets(dataDir: string): { secrets: TDevSecrets; file: string; created: boolean } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return { secrets: JSON.parse(readFileSync(file, "utf8")) as TDevSecrets, file, created: false };
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
  };
}
