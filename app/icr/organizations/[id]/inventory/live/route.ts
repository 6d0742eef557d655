import { getIcrUser } from "@/lib/registry/auth/session";
import { liveResponse } from "@/lib/live/live-response";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /icr/organizations/{id}/inventory/live: Server-Sent Events telling the inventory page that a
// request of this organization changed (it then re-renders). Members of the organization only.
async function get(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const user = await getIcrUser();
  if (!user) return Response.json({ message: "Sign in to ICR first." }, { status: 401 });
  if (!user.memberships.some((m) => m.organizationId === id))
    return Response.json({ message: "You are not a member of this organization." }, { status: 403 });
  return liveResponse(req, `inventory:${id}`);
}

export const GET = withRequestContext(get);
