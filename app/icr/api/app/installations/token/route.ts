import { icrRoute } from "@/lib/registry/api/icr-route";
import { unauthorized } from "@/lib/registry/api/errors";
import { revokeAccessToken } from "@/lib/registry/auth/access-tokens";

// DELETE /icr/api/app/installations/token: revokes the access token sent in the Authorization header.
export const DELETE = icrRoute({ auth: "any-token" }, async ({ auth }) => {
  if (!auth) throw unauthorized();
  await revokeAccessToken(auth.tokenId);
  return new Response(null, { status: 204 });
});
