import { createHash } from "node:crypto";

/** Hex SHA-256: what is stored of a secret that must be found again but never read back (tokens, links, cookies). */
export const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
