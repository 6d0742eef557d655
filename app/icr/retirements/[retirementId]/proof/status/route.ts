import { proofStatus } from "@/lib/registry/retirements/proof-status";

// GET /icr/retirements/{retirementId}/proof/status: the proof page's verdict as small JSON, public,
// no token. A Pending page polls it and re-renders itself when the verdict changes.
export async function GET(_req: Request, ctx: { params: Promise<{ retirementId: string }> }) {
  const { retirementId } = await ctx.params;
  const status = await proofStatus(retirementId);
  return Response.json(status, {
    status: status.status === "not_found" ? 404 : 200,
    headers: { "cache-control": "no-store" },
  });
}
