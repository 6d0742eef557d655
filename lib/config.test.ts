import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const valid = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
  CHAIN_RPC_URL: "http://127.0.0.1:8545",
  APP_URL: "http://localhost:3000",
  ICR_API_URL: "http://localhost:3000/icr/api",
  ICR_WEB_URL: "http://localhost:3000/icr",
  NEXTAUTH_SECRET: "x".repeat(32),
  TOKEN_ENCRYPTION_KEY: "ab".repeat(32),
  ICR_APP_ID: "7c1e5a52-6d0b-4c43-9f7e-3c5b0a9d2e11",
  ICR_APP_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
  ICR_WEBHOOK_SECRET: "s".repeat(24),
  REGISTRY_MNEMONIC: "test test test test test test test test test test test junk",
  REGISTRY_OPERATOR_KEY: `0x${"1".repeat(64)}`,
  CARBONMARK_GAS_KEY: `0x${"2".repeat(64)}`,
  WALLET_KEK: Buffer.alloc(32, 7).toString("base64"),
  WALLET_PIN_PEPPER: Buffer.alloc(32, 9).toString("base64"),
  ICR_SIGNING_KEY: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
};

describe("config", () => {
  it("accepts a complete environment and applies defaults", () => {
    const c = parseConfig(valid);
    expect(c.POLL_INTERVAL_MS).toBe(1000);
  });

  it("takes an optional block explorer URL, and refuses one that is not a URL", () => {
    expect(parseConfig(valid).CHAIN_EXPLORER_URL).toBeUndefined();
    expect(parseConfig({ ...valid, CHAIN_EXPLORER_URL: "" }).CHAIN_EXPLORER_URL).toBeUndefined();
    expect(parseConfig({ ...valid, CHAIN_EXPLORER_URL: "https://polygonscan.com" }).CHAIN_EXPLORER_URL).toBe(
      "https://polygonscan.com",
    );
    expect(() => parseConfig({ ...valid, CHAIN_EXPLORER_URL: "polygonscan" })).toThrowError(/CHAIN_EXPLORER_URL/);
  });

  it("a malformed TRUST_PROXY or NEXTAUTH_URL stops start-up, naming it", () => {
    expect(parseConfig(valid).TRUST_PROXY).toBe(0);
    expect(parseConfig({ ...valid, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ ...valid, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseConfig({ ...valid, TRUST_PROXY: "yes" })).toThrowError(
      /TRUST_PROXY: must be true, false or a number of proxies from 0 to 9/,
    );
    expect(() => parseConfig({ ...valid, NEXTAUTH_URL: "carbonmark" })).toThrowError(/NEXTAUTH_URL/);
  });

  it("names a missing variable", () => {
    const env: Record<string, string | undefined> = { ...valid, DATABASE_URL: undefined };
    expect(() => parseConfig(env)).toThrowError(ConfigError);
    expect(() => parseConfig(env)).toThrowError(/DATABASE_URL: missing/);
  });

  it("names each malformed variable with the reason", () => {
    const run = () =>
      parseConfig({ ...valid, CHAIN_RPC_URL: "not a url", TOKEN_ENCRYPTION_KEY: "short", ICR_APP_ID: "carbonmark" });
    expect(run).toThrowError(/CHAIN_RPC_URL/);
    expect(run).toThrowError(/TOKEN_ENCRYPTION_KEY: must be 32 bytes as 64 hex characters/);
    expect(run).toThrowError(/ICR_APP_ID: must be the app's UUID/);
  });

  it("refuses a wallet key-encryption key that is not 32 bytes of base64, and a missing PIN pepper", () => {
    const run = () =>
      parseConfig({ ...valid, WALLET_KEK: Buffer.alloc(16).toString("base64"), WALLET_PIN_PEPPER: undefined });
    expect(run).toThrowError(/WALLET_KEK: must be 32 bytes in base64/);
    expect(run).toThrowError(/WALLET_PIN_PEPPER: missing/);
    expect(parseConfig(valid).PIN_RESET_HOLD_HOURS).toBe(24);
  });
});
