import { createPrivateKey } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateDevSecrets, loadOrCreateDevSecrets } from "./secrets.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("development secrets", () => {
  it("a data directory from before the wallet KEK gets one (and a PIN pepper, and a certificate signing key) at the next start, keeping every other secret", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secrets-"));
    dirs.push(dir);
    const old = {
      NEXTAUTH_SECRET: "n".repeat(43),
      TOKEN_ENCRYPTION_KEY: "ab".repeat(32),
      ICR_APP_PRIVATE_KEY: "pem",
      ICR_WEBHOOK_SECRET: "w".repeat(32),
      REGISTRY_MNEMONIC: "m",
    };
    writeFileSync(path.join(dir, "secrets.json"), JSON.stringify(old));
    const { secrets, postgresPassword } = loadOrCreateDevSecrets(dir);
    expect(secrets).toMatchObject(old);
    expect(Buffer.from(secrets.WALLET_KEK, "base64")).toHaveLength(32);
    expect(Buffer.from(secrets.WALLET_PIN_PEPPER, "base64")).toHaveLength(32);
    expect(createPrivateKey(secrets.ICR_SIGNING_KEY).asymmetricKeyType).toBe("ed25519");
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8"))).toEqual({
      ...secrets,
      EMBEDDED_POSTGRES_PASSWORD: postgresPassword,
    });
    expect(loadOrCreateDevSecrets(dir)).toMatchObject({ secrets, postgresPassword, created: false });
  });

  it("the embedded PostgreSQL's superuser password is generated per data directory (an older file gets one), never a fixed word", () => {
    const [fresh, older] = [mkdtempSync(path.join(tmpdir(), "secrets-")), mkdtempSync(path.join(tmpdir(), "secrets-"))];
    dirs.push(fresh, older);
    writeFileSync(path.join(older, "secrets.json"), JSON.stringify(generateDevSecrets()));

    const passwords = [fresh, older].map((d) => loadOrCreateDevSecrets(d).postgresPassword);
    for (const p of passwords) {
      expect(p).toMatch(/^[0-9a-f]{48}$/);
      expect(p).not.toBe("carbonmark");
    }
    expect(passwords[0]).not.toBe(passwords[1]);
    // Recorded once: the next start uses the same password (the cluster was made with it).
    expect([fresh, older].map((d) => loadOrCreateDevSecrets(d).postgresPassword)).toEqual(passwords);
    // It is not an app variable: the app gets DATABASE_URL.
    expect(loadOrCreateDevSecrets(fresh).secrets).not.toHaveProperty("EMBEDDED_POSTGRES_PASSWORD");
  });
});
