// Serves the API table (endpoints.ts) under /api/v1: API-key authentication, scope, rate limits,
// zod-parsed params, query, body and Idempotency-Key, JSON errors. Bad input is always a 4xx:
// bodies over 32 KiB (413), bodies that are not JSON (415), NUL characters (400).
import { z, type ZodType } from "zod";
import { describeOutage } from "@/lib/carbonmark/describe-outage";
import { ApiError, type TApiIssue } from "@/lib/carbonmark/api/api-error";
import { apiKeyChecks, failedAuthChecks } from "@/lib/carbonmark/api/api-limits";
import { ZIdempotencyKey } from "@/lib/carbonmark/api/api-schemas";
import { API_ENDPOINTS, type TApiEndpoint } from "@/lib/carbonmark/api/endpoints";
import { openApiDocument } from "@/lib/carbonmark/api/openapi";
import { authenticateApiKey, type TApiKeyRefusal } from "@/lib/carbonmark/api-keys/authenticate-api-key";
import { BodyTooLargeError, readLimitedBody } from "@/lib/http/read-limited-body";
import { logger } from "@/lib/log/logger";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeOrThrow, RateLimitedError } from "@/lib/security/rate-limit";

export const API_PREFIX = "/api/v1";
export const API_BODY_LIMIT_BYTES = 32 * 1024;

const compiled = API_ENDPOINTS.map((e) => ({
  e,
  names: [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  re: new RegExp(`^${e.path.replace(/\{\w+\}/g, "([^/]+)")}$`),
}));

function match(path: string, method: string): { e: TApiEndpoint; params: Record<string, string> } {
  const candidates = compiled
    .map((c) => ({ c, m: c.re.exec(path) }))
    .filter((x): x is { c: (typeof compiled)[number]; m: RegExpExecArray } => x.m !== null);
  if (candidates.length === 0)
    throw new ApiError(
      404,
      "not_found",
      `There is no endpoint ${path}. The endpoints are listed in ${API_PREFIX}/openapi.json.`,
    );
  const hit = candidates.find((x) => x.c.e.method === method.toLowerCase());
  if (!hit)
    throw new ApiError(405, "method_not_allowed", `${path} does not answer ${method}.`, undefined, {
      allow: candidates.map((x) => x.c.e.method.toUpperCase()).join(", "),
    });
  const params: Record<string, string> = {};
  hit.c.names.forEach((n, i) => {
    try {
      params[n] = decodeURIComponent(hit.m[i + 1]!);
    } catch {
      throw new ApiError(400, "invalid_request", `The path parameter ${n} is not valid URL encoding.`);
    }
  });
  return { e: hit.c.e, params };
}

function parse<S extends ZodType>(schema: S | undefined, value: unknown, what: string): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues: TApiIssue[] = r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new ApiError(
    400,
    "invalid_request",
    `Invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
    issues,
  );
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object")
    return Object.entries(value).some(([k, v]) => k.includes("\u0000") || hasNul(v));
  return false;
}

async function readJson(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readLimitedBody(req, API_BODY_LIMIT_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      throw new ApiError(
        413,
        "payload_too_large",
        "The request body is larger than 32 KiB, the most this API accepts.",
      );
    throw err;
  }
  const type = req.headers.get("content-type");
  if (!type || !/^application\/json\s*(;|$)/i.test(type))
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON with Content-Type: application/json.",
    );
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_request", "The request body is not valid JSON.");
  }
}

const REFUSALS: Record<TApiKeyRefusal, [number, string, string]> = {
  missing: [401, "unauthenticated", "Send your API key as Authorization: Bearer cmk_… (create one in Settings → API)."],
  unknown: [401, "unauthenticated", "This API key is not valid."],
  revoked: [401, "key_revoked", "This API key was revoked."],
  frozen: [403, "account_frozen", "This account is frozen; its API keys are refused until the owner lifts it."],
};

async function authenticate(req: Request) {
  const result = await authenticateApiKey(req.headers.get("authorization"));
  if (result.ok) return result.auth;
  // Failed attempts count against the client's IP (a valid key keeps working from the same IP).
  await consumeOrThrow(failedAuthChecks(clientIpFrom(req.headers)));
  const [status, code, message] = REFUSALS[result.reason];
  throw new ApiError(status, code, message, undefined, status === 401 ? { "www-authenticate": "Bearer" } : {});
}

/** Answers one /api/v1 request. */
export async function handleApiRequest(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname.slice(API_PREFIX.length) || "/";
  try {
    if (path === "/openapi.json" && req.method === "GET")
      return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
    const { e, params: rawParams } = match(path, req.method);
    const auth = await authenticate(req);
    await consumeOrThrow(apiKeyChecks(auth.keyId));
    if (e.scope === "read_write" && auth.scope !== "read_write")
      throw new ApiError(403, "insufficient_scope", "This API key is read-only; this endpoint needs a read-write key.");

    const rawQuery = Object.fromEntries(url.searchParams);
    if (hasNul(rawParams) || hasNul(rawQuery))
      throw new ApiError(400, "invalid_request", "Parameters must not contain NUL characters (\\u0000).");
    const params = parse(e.params, rawParams, "path parameters");
    const query = parse(e.query, rawQuery, "query parameters");
    let idempotencyKey: string | undefined;
    if (e.idempotent)
      idempotencyKey = parse(
        ZIdempotencyKey,
        req.headers.get("idempotency-key") ?? undefined,
        "Idempotency-Key header",
      );
    let rawBody: unknown;
    let body: unknown;
    if (e.body) {
      rawBody = await readJson(req);
      if (hasNul(rawBody))
        throw new ApiError(400, "invalid_request", "The request body must not contain NUL characters (\\u0000).");
      body = parse(e.body, rawBody, "request body");
    }
    const result = await e.handler({ userId: auth.userId, params, query, body, rawBody, idempotencyKey });
    return result instanceof Response
      ? result
      : Response.json(result, { status: e.status ?? 200, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof ApiError) return err.toResponse();
    if (err instanceof RateLimitedError)
      return new ApiError(429, "rate_limited", err.message, undefined, {
        "retry-after": String(err.retryAfterSec),
      }).toResponse();
    const outage = describeOutage(err);
    logger.error({ err, path, method: req.method, source: outage.source }, "API request failed");
    return outage.source === "unknown"
      ? new ApiError(
          500,
          "internal_error",
          "Something went wrong on our side. Nothing was changed; please retry.",
        ).toResponse()
      : new ApiError(503, "unavailable", outage.message, undefined, { "retry-after": "5" }).toResponse();
  }
}
