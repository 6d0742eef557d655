import { handleApiRequest } from "@/lib/carbonmark/api/api-router";
import { withRequestContext } from "@/lib/log/request-context";

// The Carbonmark API for a user's systems (docs/api.md); every endpoint is in lib/carbonmark/api/endpoints.ts.
export const dynamic = "force-dynamic";
const handle = withRequestContext(handleApiRequest);
export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
