import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { liveResponse } from "@/lib/live/live-response";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/live: Server-Sent Events telling the signed-in user's portfolio page that its
// holdings or imports changed (it then refetches /api/carbonmark/portfolio). Only their own.
async function get(req: Request) {
  const user = await getSessionUser();
  if (!user) return Response.json({ message: "Your session has expired. Sign in again." }, { status: 401 });
  return liveResponse(req, `portfolio:${user.id}`);
}

export const GET = withRequestContext(get);
