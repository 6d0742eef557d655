import { authorizeMetrics } from "@/lib/metrics/authorize-metrics";
import { renderMetrics } from "@/lib/metrics/metrics";

export const dynamic = "force-dynamic";

// GET /metrics: Prometheus exposition, for a bearer of METRICS_TOKEN.
export async function GET(req: Request) {
  const denied = authorizeMetrics(req);
  if (denied) return denied;
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
