import { checkHealth } from "@/lib/health";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/health: database, chain, migrations and worker heartbeats; 503 when one is down.
async function get() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

export const GET = withRequestContext(get);
