import { z } from "zod";

// Runtime configuration, parsed once with zod. `npm start` fills the embedded defaults
// (scripts/lib/env.ts) before the app starts; in production every value comes from the environment.
const ZUrl = z.string().url();

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
  POLL_INTERVAL_MS: z.coerce.number().int().min(200).default(1000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type TConfig = z.infer<typeof ZConfig>;

export class ConfigError extends Error {}

/** Parses an environment; the error names every missing or malformed variable. */
export function parseConfig(env: Record<string, string | undefined>): TConfig {
  const result = ZConfig.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message === "Required" || i.code === "invalid_type" ? "missing" : i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: TConfig | undefined;
export function config(): TConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
