// The Carbonmark API for a user's own systems (docs/api.md): every endpoint in one table, with the
// zod schemas its requests are parsed with and its answers have. The router serves this table and
// the OpenAPI document is generated from it. Adding an endpoint is one entry; a streamed statement,
// for instance, answers a Response of its own media type:
//   endpoint({ method: "get", path: "/statements/activity.csv", summary: "…", scope: "read",
//     query: ZStatementQuery, response: { contentType: "text/csv", description: "RFC 4180, UTF-8" },
//     handler: ({ userId, query }) => activityCsvResponse({ userId, ...query }) }),
import type { z, ZodType } from "zod";
import { apiActivityPage } from "@/lib/carbonmark/api/api-activity";
import { requestImportOnce } from "@/lib/carbonmark/api/api-import";
import { apiPortfolio } from "@/lib/carbonmark/api/api-portfolio";
import { apiRetirement, apiRetirementProof, apiRetirements } from "@/lib/carbonmark/api/api-retirements";
import {
  ZActivityPage,
  ZActivityQuery,
  ZIdParams,
  ZImport,
  ZImportRequest,
  ZPortfolio,
  ZRetirement,
  ZRetirementList,
  ZRetirementProof,
} from "@/lib/carbonmark/api/api-schemas";
import type { TApiKeyScope } from "@/lib/carbonmark/api-keys/create-api-key";

export type TApiContext<P extends ZodType, Q extends ZodType, B extends ZodType> = {
  userId: string;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  rawBody: unknown;
  idempotencyKey?: string;
};

export type TApiEndpoint = {
  method: "get" | "post";
  /** OpenAPI path template under /api/v1, e.g. /retirements/{id} */
  path: string;
  summary: string;
  scope: TApiKeyScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: ZodType;
  /** a write that needs an Idempotency-Key header */
  idempotent?: boolean;
  status?: 200 | 201;
  /** JSON answers: their schema; other media (statements): the content type, answered as a Response */
  response: ZodType | { contentType: string; description: string };
  handler: (ctx: TApiContext<ZodType, ZodType, ZodType>) => Promise<unknown>;
};

function endpoint<P extends ZodType = ZodType, Q extends ZodType = ZodType, B extends ZodType = ZodType>(
  e: Omit<TApiEndpoint, "handler" | "params" | "query" | "body"> & {
    params?: P & z.ZodObject;
    query?: Q & z.ZodObject;
    body?: B;
    handler: (ctx: TApiContext<P, Q, B>) => Promise<unknown>;
  },
): TApiEndpoint {
  return e as unknown as TApiEndpoint;
}

export const API_ENDPOINTS: TApiEndpoint[] = [
  endpoint({
    method: "get",
    path: "/portfolio",
    summary: "Holdings of the wallet (as last indexed) and the imports in flight",
    scope: "read",
    response: ZPortfolio,
    handler: ({ userId }) => apiPortfolio({ userId }),
  }),
  endpoint({
    method: "get",
    path: "/activity",
    summary: "Imports, exports and retirements, newest first, a page at a time",
    scope: "read",
    query: ZActivityQuery,
    response: ZActivityPage,
    handler: ({ userId, query }) => apiActivityPage({ userId, limit: query.limit, cursor: query.cursor }),
  }),
  endpoint({
    method: "get",
    path: "/retirements",
    summary: "Retirements, newest first (at most 200)",
    scope: "read",
    response: ZRetirementList,
    handler: ({ userId }) => apiRetirements({ userId }),
  }),
  endpoint({
    method: "get",
    path: "/retirements/{id}",
    summary: "One retirement",
    scope: "read",
    params: ZIdParams,
    response: ZRetirement,
    handler: ({ userId, params }) => apiRetirement({ userId, id: params.id }),
  }),
  endpoint({
    method: "get",
    path: "/retirements/{id}/proof",
    summary: "Where to verify a retirement: the registry's public proof page, the transaction and the certificate",
    scope: "read",
    params: ZIdParams,
    response: ZRetirementProof,
    handler: ({ userId, params }) => apiRetirementProof({ userId, id: params.id }),
  }),
  endpoint({
    method: "post",
    path: "/imports",
    summary: "Request an import from the connected ICR organization (an admin there accepts it)",
    scope: "read_write",
    body: ZImportRequest,
    idempotent: true,
    status: 201,
    response: ZImport,
    handler: async ({ userId, body, rawBody, idempotencyKey }) => {
      const answer = await requestImportOnce({ userId, key: idempotencyKey!, input: body, rawBody });
      return Response.json(answer.body, {
        status: answer.status,
        headers: { "cache-control": "no-store", ...(answer.replayed ? { "idempotent-replayed": "true" } : {}) },
      });
    },
  }),
];
