import pino from "pino";

// One logger; secrets are redacted by key wherever they appear.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: { paths: ["*.pin", "*.password", "*.token", "*.accessToken", "*.privateKey", "*.keystoreJson", "*.keyWrapped", "*.pinHash", "*.newPin", "*.currentPin", "headers.authorization"], censor: "[redacted]" },
});
