import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateDevSecrets } from "./secrets.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("development secrets", () => {
  it("a data directory from before the wallet KEK gets one (and a PIN pepper) at the next start, keeping every other secret", () => {
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
    const { secrets } = loadOrCreateDevSecrets(dir);
    expect(secrets).toMatchObject(old);
    expect(Buffer.from(secrets.WALLET_KEK, "base64")).toHaveLength(32);
    expect(Buffer.from(secrets.WALLET_PIN_PEPPER, "base64")).toHaveLength(32);
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8"))).toEqual(secrets);
    expect(loadOrCreateDevSecrets(dir)).toMatchObject({ secrets, created: false });
  });
});
