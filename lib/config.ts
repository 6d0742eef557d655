import { z } from "zod";

// Runtime configuration, parsed once with zod. `npm start` fills the embedded defaults
// (scripts/lib/stack.ts) before the app starts; in production every value comes from the environment.
const ZUrl = z.string().url();
const ZKey32 = z
  .string()
  .refine(
    (s) => /^[A-Za-z0-9+/]{43}=$/.test(s) && Buffer.from(s, "base64").length === 32,
    "must be 32 bytes in base64 (44 characters)",
  );

/** TRUST_PROXY: unset, "", "false" or "0" → 0; "true" → 1; an integer 1–9 → that many hops; anything else is an error. */
const ZTrustProxy = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const raw = (v ?? "").trim().toLowerCase();
    if (raw === "" || raw === "false") return 0;
    if (raw === "true") return 1;
    if (/^[0-9]$/.test(raw)) return Number(raw);
    ctx.addIssue({ code: "custom", message: "must be true, false or a number of proxies from 0 to 9" });
    return z.NEVER;
  });

export const ZConfig = z.object({
  /** `postgresql://` URL of the one database (`npm start`: the embedded PostgreSQL). */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  /** JSON-RPC URL of the EVM node (`npm start`: the embedded anvil). */
  CHAIN_RPC_URL: ZUrl,
  /** The chain's id (parsed, not used yet). */
  CHAIN_ID: z.coerce.number().int().positive().optional(),
  /** Public base URL of the app (the load balancer); ICR's webhooks and the connect callback use it. */
  APP_URL: ZUrl,
  /** next-auth's base URL (default: APP_URL). */
  NEXTAUTH_URL: ZUrl.optional(),
  /**
   * Number of your reverse proxies in front of the app (`true` = 1), so client IPs (rate limits) and
   * https (HSTS, `Secure` cookies) come from them; never set it when the app is reachable directly.
   */
  TRUST_PROXY: ZTrustProxy,
  /** next-auth's own: trust the request's Host header for its URLs (read to name the CSRF cookie as next-auth does). */
  AUTH_TRUST_HOST: z.string().optional(),
  /** Set by Vercel; next-auth then trusts the request's Host as with AUTH_TRUST_HOST. */
  VERCEL: z.string().optional(),
  /** ICR API base (the sandbox: `$APP_URL/icr/api`; or the real registry). */
  ICR_API_URL: ZUrl,
  /** ICR web base (consent and inventory pages; the sandbox: `$APP_URL/icr`). */
  ICR_WEB_URL: ZUrl,
  /** next-auth signing secret (`npm start` generates it into `.data/secrets.json`). */
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** Encrypts stored ICR access tokens (AES-256-GCM). */
  TOKEN_ENCRYPTION_KEY: z.string().regex(/^[0-9a-f]{64}$/i, "must be 32 bytes as 64 hex characters"),
  /** The Carbonmark app's UUID on ICR. */
  ICR_APP_ID: z.string().uuid("must be the app's UUID"),
  /** RSA PEM private key that signs the app's JWTs to ICR. */
  ICR_APP_PRIVATE_KEY: z.string().includes("PRIVATE KEY", { message: "must be a PEM private key" }),
  /** Signs and verifies ICR webhooks (HMAC-SHA256). */
  ICR_WEBHOOK_SECRET: z.string().min(16),
  /**
   * The registry's certificate signing key: Ed25519, PKCS#8 PEM (`openssl genpkey -algorithm ed25519`).
   * To rotate, set a new key: certificates signed from then on name its kid; the old public keys stay
   * in the JWKS (docs/proof.md, "Signed certificates").
   */
  ICR_SIGNING_KEY: z.string().includes("PRIVATE KEY", { message: "must be a PEM private key (Ed25519, PKCS#8)" }),
  /** Where ICR sends the Carbonmark app's webhooks when the app is first registered (default `${APP_URL}/api/webhooks/icr`). */
  ICR_APP_WEBHOOK_URL: ZUrl.optional(),
  /** The sandbox registry's organization wallets are derived from it. */
  REGISTRY_MNEMONIC: z.string().refine((s) => s.trim().split(/\s+/).length >= 12, "must be a 12+ word mnemonic"),
  /** Pays the registry's gas (locally anvil account 0). */
  REGISTRY_OPERATOR_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte private key"),
  /** Pays gas for Carbonmark wallets (tops them up before they send). Locally an anvil account. */
  CARBONMARK_GAS_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte private key"),
  /**
   * 32 bytes, base64: wraps wallet private keys (AES-256-GCM). Rotate: new value here, the old one in
   * WALLET_KEK_PREVIOUS (keys are re-wrapped at their next use, or all at once with `npm run wallet:rewrap`).
   */
  WALLET_KEK: ZKey32,
  /** The previous WALLET_KEK, only during a rotation. */
  WALLET_KEK_PREVIOUS: ZKey32.optional(),
  /** 32 bytes, base64: peppers the PIN hashes (HMAC key); a database dump alone cannot test PINs offline. Never rotate it (every PIN would stop matching). */
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
  /**
   * What makes a transaction final: `depth` = INDEXER_CONFIRMATIONS blocks deep
   * (0 on the embedded instant chain), `tag` = at or below the chain's `finalized` block (Polygon).
   */
  CHAIN_FINALITY: z.enum(["depth", "tag"]).default("depth"),
  /** The most a fee bump may offer per gas, in gwei (a transaction stuck under a base-fee spike is re-signed up to this). */
  CHAIN_MAX_FEE_GWEI: z.coerce.number().int().min(1).default(5_000),
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
  /** Portfolio / inventory polling while something is in flight and the live channel is down. */
  POLL_INTERVAL_MS: z.coerce.number().int().min(200).default(1000),
  /** Where mail goes (smtp:// or smtps://, credentials in the URL). `npm start` points it at its embedded catcher. Unset: mails stay queued, unsent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** Who is mailed an operator alert (e.g. an unexplained reconciliation gap). */
  OPERATOR_EMAIL: z.string().email("must be an e-mail address").default("operator@carbonmark.test"),
  /** Sender of Carbonmark's mails. */
  MAIL_FROM: z.string().min(3).default("Carbonmark <no-reply@carbonmark.test>"),
  /** Sender of the ICR sandbox's mails (the registry is another system with its own sender). */
  ICR_MAIL_FROM: z.string().min(3).default("ICR sandbox <no-reply@icr.test>"),
  /** Optional block explorer (e.g. https://polygonscan.com): transaction hashes link to `<url>/tx/<hash>`. */
  CHAIN_EXPLORER_URL: z.preprocess((v) => (v === "" ? undefined : v), ZUrl.optional()),
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Tests only: let webhook endpoints be loopback addresses (and plain http to them). Never in production. */
  WEBHOOKS_ALLOW_LOOPBACK: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((v) => v === "true"),
  /** Bearer token that GET /metrics requires; without it /metrics answers 404. */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(16, "must be at least 16 characters").optional(),
  ),
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

/**
 * One variable, parsed by its schema at every call (not cached): for values read per request that a
 * test or an operator may change while the process runs, and for processes that do not carry the
 * whole configuration (scripts reading LOG_LEVEL).
 */
export function configValue<K extends keyof TConfig>(
  key: K,
  env: Record<string, string | undefined> = process.env,
): TConfig[K] {
  const result = (ZConfig.shape[key] as unknown as z.ZodType<TConfig[K]>).safeParse(env[key]);
  if (!result.success) throw new ConfigError(`Invalid configuration:\n  ${key}: ${result.error.issues[0]?.message}`);
  return result.data;
}

let cached: TConfig | undefined;
export function config(): TConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
