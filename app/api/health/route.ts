import { currentHealth, publicHealth } from "@/lib/health";
import { withRequestContext } from "@/lib/log/request-context";
import { authorizeMetrics } from "@/lib/metrics/authorize-metrics";

export const dynamic = "force-dynamic";

// GET /api/health: database, chain, migrations and worker heartbeats; 503 when one is down.
// Anyone gets the status and each check's `ok`; each check's detail (hosts, error messages) only
// the bearer of METRICS_TOKEN (a degraded answer's details are also logged).
async function get(req: Request) {
  const health = await currentHealth();
  const isOperator = authorizeMetrics(req) === null;
  return Response.json(isOperator ? health : publicHealth(health), {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

export const GET = withRequestContext(get);
