// Every route handler of the app (app/**/route.ts), as Next.js routes it: `[x]` one segment,
// `[...x]` one or more. A test keeps this list equal to the files. Two things read it: the HTTP
// latency metric labels a request by its template (a path no handler serves is `other`, so invented
// paths never add label values), and proxy.ts gives only these paths the non-HTML "document"
// headers; every other path is a page, Next's HTML 404 included.

export const ROUTE_HANDLERS = [
  "/api/auth/[...nextauth]",
  "/api/carbonmark/certificates/[icrRetirementId]",
  "/api/carbonmark/live",
  "/api/carbonmark/portfolio",
  "/api/carbonmark/retirement-report",
  "/api/carbonmark/retirements/[id]/certificate",
  "/api/carbonmark/statements/[kind]",
  "/api/health",
  "/api/v1/[...path]",
  "/api/webhooks/icr",
  "/icr/api/[...path]",
  "/icr/api/app/installations",
  "/icr/api/app/installations/[installationId]",
  "/icr/api/app/installations/[installationId]/accessTokens",
  "/icr/api/app/installations/token",
  "/icr/api/openapi.json",
  "/icr/api/organizations/[id]",
  "/icr/api/organizations/[id]/addresses",
  "/icr/api/organizations/[id]/friendbot",
  "/icr/api/organizations/[id]/inventory",
  "/icr/api/organizations/[id]/inventory/action/[action]",
  "/icr/api/organizations/[id]/inventory/requests",
  "/icr/api/organizations/[id]/inventory/requests/[requestId]",
  "/icr/api/organizations/[id]/transactions/[transactionId]",
  "/icr/api/projects",
  "/icr/api/retirements",
  "/icr/api/retirements/[retirementId]/pdf",
  "/icr/api/retirements/finalize",
  "/icr/api/retirements/list",
  "/icr/certificates/jwks.json",
  "/icr/certificates/verify",
  "/icr/organizations/[id]/inventory/live",
  "/icr/retirements/[retirementId]/certificate",
  "/icr/retirements/[retirementId]/proof/status",
  "/icr/retirements/[retirementId]/record",
  "/metrics",
] as const;
export type TRouteHandler = (typeof ROUTE_HANDLERS)[number];

/** How a template segment matches: 0 static, 1 one dynamic segment, 2 catch-all (Next prefers the lowest). */
type TSegment = { rank: 0 | 1 | 2; text: string };

const parsed = ROUTE_HANDLERS.map((template) => ({
  template,
  segments: template
    .split("/")
    .slice(1)
    .map((s): TSegment => ({ rank: s.startsWith("[...") ? 2 : s.startsWith("[") ? 1 : 0, text: s })),
}));

/** The ranks of the segments `segments` uses to match `parts`, or undefined if it does not match. */
function matchRanks(segments: TSegment[], parts: string[]): number[] | undefined {
  const ranks: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.rank === 2) return i < parts.length ? [...ranks, 2] : undefined;
    const part = parts[i];
    if (part === undefined || part === "" || (s.rank === 0 && part !== s.text)) return undefined;
    ranks.push(s.rank);
  }
  return ranks.length === parts.length ? ranks : undefined;
}

function isMoreSpecific(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return a.length > b.length;
}

/** The route handler template that serves `pathname` (e.g. "/icr/api/organizations/[id]/inventory"), else undefined. */
export function routeHandlerOf(pathname: string): TRouteHandler | undefined {
  const parts = pathname.split("/").slice(1);
  let best: { template: TRouteHandler; ranks: number[] } | undefined;
  for (const { template, segments } of parsed) {
    const ranks = matchRanks(segments, parts);
    if (ranks && (!best || isMoreSpecific(ranks, best.ranks))) best = { template, ranks };
  }
  return best?.template;
}
