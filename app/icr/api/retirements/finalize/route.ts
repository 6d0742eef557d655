import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZFinalizeBody } from "@/lib/registry/api/schemas";
import { finalizeRetirement } from "@/lib/registry/retirements/finalize-retirement";

// POST /icr/api/retirements/finalize: the on-chain retiree sets beneficiary, reason and comment, proven by signature.
export const POST = icrRoute({ auth: "any-token", body: ZFinalizeBody }, async ({ body }) => finalizeRetirement(body));
