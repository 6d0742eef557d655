import { listRetirements } from "@/lib/icr/retirements";
import type { TIcrRetirement, TRetirementPage } from "@/lib/icr/retirement-schemas";
import { withAnyIcrToken } from "@/lib/carbonmark/retirements/with-any-icr-token";

export type TPublicRetirements = { retirements: TIcrRetirement[]; page: TRetirementPage; hasMore: boolean };

/** One page of ICR's public retirements list, newest first (one extra item tells whether there is a next page). */
export async function listPublicRetirements(opts: {
  page: TRetirementPage;
  userId?: string;
}): Promise<TPublicRetirements> {
  const { skip, first } = opts.page;
  const probe = Math.min(first + 1, 100);
  const { retirements } = await withAnyIcrToken({ userId: opts.userId }, (s) =>
    listRetirements({ token: s.token, skip, first: probe }),
  );
  return {
    retirements: retirements.slice(0, first),
    page: opts.page,
    hasMore: retirements.length > first || (probe === first && retirements.length === first),
  };
}
