import { createHash } from "node:crypto";

/**
 * A UUID derived from `text` (sha256, shaped as a version-4 UUID): the job id of one attempt of one
 * delivery is derived from the delivery and the attempt, the same on every try, so scheduling an
 * attempt twice adds nothing (pg-boss ignores a job id it already has). Neutral.
 */
export function uuidFromText(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
