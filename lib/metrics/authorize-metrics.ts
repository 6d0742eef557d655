import { createHash, timingSafeEqual } from "node:crypto";
import { configValue } from "@/lib/config";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** 404 when no METRICS_TOKEN is configured (the endpoint does not exist), 401 unless the bearer token matches, else null. */
export function authorizeMetrics(req: Request): Response | null {
  const expected = configValue("METRICS_TOKEN");
  if (!expected) return new Response("Not Found", { status: 404 });
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (!m || !timingSafeEqual(digest(m[1]), digest(expected))) {
    return new Response("Unauthorized: send Authorization: Bearer <METRICS_TOKEN>", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  return null;
}
