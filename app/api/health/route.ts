import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health: database, chain, migrations and worker heartbeats; 503 when one is down.
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
