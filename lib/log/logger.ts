import pino, { type DestinationStream, type LoggerOptions } from "pino";
import { configValue } from "@/lib/config";
import { currentRequestId } from "@/lib/log/request-context";

// Secrets are redacted by key wherever they appear. Inside a request (withRequestContext) every
// line carries its `requestId`, whichever module logs it.
export const loggerOptions: LoggerOptions = {
  level: configValue("LOG_LEVEL"),
  redact: {
    paths: [
      "*.pin",
      "*.password",
      "*.token",
      "*.accessToken",
      "*.privateKey",
      "*.keystoreJson",
      "*.keyWrapped",
      "*.pinHash",
      "*.newPin",
      "*.currentPin",
      "headers.authorization",
    ],
    censor: "[redacted]",
  },
  mixin: () => {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
};

export function createLogger(destination?: DestinationStream) {
  return destination ? pino(loggerOptions, destination) : pino(loggerOptions);
}

// One logger.
export const logger = createLogger();
