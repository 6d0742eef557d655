import { z } from "zod";

// Runtime configuration, parsed once with zod. `npm start` fills the embedded defaults
// (scripts/lib/env.ts) before the app starts; in production every value comes from the environment.
const ZUrl = z.string().url();
const ZKey32 = z
  .string()
  .refine(
    (s) => /^[A-Za-z0-9+/]{43}=$/.test(s) && Buffer.from(s, "base64").length === 32,
    "must be 32 bytes in base64 (44 characters)",
  );

export const ZConfig = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  CHAIN_RPC_URL: ZUrl,
  CHAIN_ID: z.coerce.number().int().positive().optional(),
  APP_URL: ZUrl,
  ICR_API_URL: ZUrl,
  ICR_WEB_URL: ZUrl,
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  TOKEN_ENCRYPTION_KEY: z.string().regex(/^[0-9a-f]{64}$/i, "must be 32 bytes as 64 hex characters"),
  ICR_APP_ID: z.string().uuid("must be the app's UUID"),
  ICR_APP_PRIVATE_KEY: z.string().includes("PRIVATE KEY", { message: "must be a PEM private key" }),
  ICR_WEBHOOK_SECRET: z.string().min(16),
  /** Where ICR sends the Carbonmark app's webhooks when the app is first registered (default `${APP_URL}/api/webhooks/icr`). */
  ICR_APP_WEBHOOK_URL: ZUrl.optional(),
  REGISTRY_MNEMONIC: z.string().refine((s) => s.trim().split(/\s+/).length >= 12, "must be a 12+ word mnemonic"),
  REGISTRY_OPERATOR_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte private key"),
  /** Pays gas for Carbonmark wallets (tops them up before they send). Locally an anvil account. */
  CARBONMARK_GAS_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte private key"),
  /** Wraps wallet private keys (AES-256-GCM). Rotate: new value here, the old one in WALLET_KEK_PREVIOUS. */
  WALLET_KEK: ZKey32,
  WALLET_KEK_PREVIOUS: ZKey32.optional(),
  /** Peppers the PIN hashes (HMAC key); a database dump alone cannot test PINs offline. Not rotatable. */
  WALLET_PIN_PEPPER: ZKey32,
  /** After a PIN reset with the account password, exports and retirements wait this long. */
  PIN_RESET_HOLD_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  /** How many gas top-ups Carbonmark pays per user in any 24 hours (each export or retirement may need one). */
  CARBONMARK_GAS_TOP_UPS_PER_DAY: z.coerce.number().int().min(1).default(20),
  /** Public certificate downloads (`/icr/retirements/{id}/certificate`) the registry serves one client IP per minute. */
  ICR_CERTIFICATE_DOWNLOADS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Holdings indexer: blocks behind the head it treats as final (0 on a local chain; e.g. 32+ on Polygon). */
  INDEXER_CONFIRMATIONS: z.coerce.number().int().min(0).default(0),
  /** Holdings indexer: the most blocks one eth_getLogs call spans (RPC providers cap it). */
  INDEXER_MAX_BLOCK_RANGE: z.coerce.number().int().min(2).default(1000),
  /** Holdings indexer: blocks re-read on every pass, so a reorg shallower than this is corrected. */
  INDEXER_REREAD_BLOCKS: z.coerce.number().int().min(1).default(12),
  /** Holdings indexer: where a contract's history starts (e.g. the block Carbonmark went live). */
  INDEXER_START_BLOCK: z.coerce.number().int().min(0).default(0),
  /** Holdings indexer: how often it looks for a new head block (a pass runs only when there is one). */
  INDEXER_POLL_MS: z.coerce.number().int().min(20).default(100),
  POLL_INTERVAL_MS: z.coerce.number().int().min(200).default(1000),
  /** Where mail goes (smtp:// or smtps://, credentials in the URL). `npm start` points it at its embedded catcher. Unset: mails stay queued, unsent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** Sender of Carbonmark's mails. */
  MAIL_FROM: z.string().min(3).default("Carbonmark <no-reply@carbonmark.test>"),
  /** Sender of the ICR sandbox's mails (the registry is another system with its own sender). */
  ICR_MAIL_FROM: z.string().min(3).default("ICR sandbox <no-reply@icr.test>"),
  /** Optional block explorer (e.g. https://polygonscan.com): transaction hashes link to `<url>/tx/<hash>`. */
  CHAIN_EXPLORER_URL: z.preprocess((v) => (v === "" ? undefined : v), ZUrl.optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Bearer token that GET /metrics requires; without it /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
});
export type TConfig = z.infer<typeof ZConfig>;

export class ConfigError extends Error {}

/** Parses an environment; the error names every missing or malformed variable. */
export function parseConfig(env: Record<string, string | undefined>): TConfig {
  const result = ZConfig.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  ${i.path.join(".")}: ${i.message === "Required" || i.code === "invalid_type" ? "missing" : i.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: TConfig | undefined;
export function config(): TConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
