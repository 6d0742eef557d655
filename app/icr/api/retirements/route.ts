import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZRetirementIdQuery } from "@/lib/registry/api/schemas";
import { getRetirement } from "@/lib/registry/retirements/list-retirements";

// GET /icr/api/retirements?id=: one retirement.
export const GET = icrRoute({ auth: "any-token", query: ZRetirementIdQuery }, async ({ query }) =>
  getRetirement(query.id),
);
