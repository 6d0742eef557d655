// Turns an error from a dependency (Carbonmark's database, the chain) into a message for people.
// Whatever failed, reads change nothing, so every message says so.

export type TOutage = { source: "database" | "chain" | "unknown"; message: string };

// ethers' error codes, and Node's socket codes (ethers passes a refused connection through as is).
const CHAIN_CODES = new Set([
  "NETWORK_ERROR",
  "SERVER_ERROR",
  "TIMEOUT",
  "UNKNOWN_ERROR",
  "BAD_DATA",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
]);

export function describeOutage(err: unknown): TOutage {
  const e = err as { name?: string; code?: unknown; message?: string } | undefined;
  const name = e?.name ?? "";
  if (
    name.startsWith("PrismaClient") ||
    name === "DriverAdapterError" ||
    (typeof e?.code === "string" && /^P\d{4}$/.test(e.code))
  ) {
    return {
      source: "database",
      message: "Carbonmark's database is not answering right now. Nothing was changed; we keep trying.",
    };
  }
  if (typeof e?.code === "string" && CHAIN_CODES.has(e.code)) {
    return {
      source: "chain",
      message:
        "The chain is not answering right now, so your balances cannot be read. Nothing was changed; we keep trying.",
    };
  }
  return {
    source: "unknown",
    message: "Your portfolio cannot be loaded right now. Nothing was changed; we keep trying.",
  };
}
