import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZRetirementListQuery } from "@/lib/registry/api/schemas";
import { listRetirements } from "@/lib/registry/retirements/list-retirements";

// GET /icr/api/retirements/list?skip=&first=: every retirement, on and off platform, newest first.
export const GET = icrRoute({ auth: "any-token", query: ZRetirementListQuery }, async ({ query }) =>
  listRetirements(query),
);
