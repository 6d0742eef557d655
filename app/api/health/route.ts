import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health: database, chain and migrations; 503 when a dependency is down.
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
