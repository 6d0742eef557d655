// The one wrapper every ICR API route handler goes through: API version, bearer-token auth,
// permission and organization scoping, zod-parsed params/query/body, JSON errors. Bad input is
// always a 4xx: bodies over 32 KiB (413), bodies that are not application/json (415), NUL
// characters anywhere (400, PostgreSQL cannot store them), and error messages are capped. Every request gets an id (x-request-id) carried by its log lines.
import { z, type ZodType } from "zod";
import { BodyTooLargeError, readLimitedBody } from "@/lib/http/read-limited-body";
import { logger } from "@/lib/log/logger";
import { withRequestContext } from "@/lib/log/request-context";
import { authenticateAccessToken, type TTokenAuth } from "@/lib/registry/auth/access-tokens";
import { hasPermission, type TPermission } from "@/lib/registry/auth/permissions";
import {
  badRequest,
  capText,
  forbidden,
  IcrHttpError,
  payloadTooLarge,
  unauthorized,
  unsupportedMediaType,
  type TIssue,
} from "@/lib/registry/api/errors";

export const ICR_API_VERSION = "2023-06-16";

/** The largest request body the API reads (docs/icr-contract.md); larger ones are answered 413. */
export const API_BODY_LIMIT_BYTES = 32 * 1024;

type TAuthMode =
  /** any valid access token, regardless of permissions */
  | "any-token"
  /** a valid access token holding this permission, scoped to the `id` path param's organization */
  | TPermission
  /** no access token (the handler authenticates another way, e.g. an app JWT) */
  | "none";

type TRouteDef<P extends ZodType, Q extends ZodType, B extends ZodType, A extends TAuthMode> = {
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
};

type THandlerArgs<P extends ZodType, Q extends ZodType, B extends ZodType, A extends TAuthMode> = {
  req: Request;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** The access token's holder: always there unless the route takes no token (`auth: "none"`). */
  auth: A extends "none" ? null : TTokenAuth;
};

type TNextContext = { params: Promise<Record<string, string | string[]>> };

function issuesOf(error: z.ZodError, prefix?: string): TIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}

function parseWith<S extends ZodType>(
  schema: S | undefined,
  value: unknown,
  what: string,
  prefix?: string,
): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = issuesOf(r.error, prefix);
    throw badRequest(
      `Invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
      issues,
    );
  }
  return r.data;
}

/** The path of the first string (or key) holding a NUL character, e.g. "retirementData.comment"; "" for the value itself. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], path ? `${path}.${i}` : String(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (k.includes("\u0000")) return capText(at, 100);
      const found = nulPath(v, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function assertNoNul(value: unknown, what: string) {
  const path = nulPath(value, "");
  if (path !== undefined)
    throw badRequest(
      `Invalid ${what}: ${path || "the value"} contains a NUL character (\\u0000), which is not allowed`,
      [{ path, message: "must not contain NUL characters" }],
    );
}

async function readJsonBody(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readLimitedBody(req, API_BODY_LIMIT_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      throw payloadTooLarge(
        `The request body is larger than ${API_BODY_LIMIT_BYTES} bytes (32 KiB), the most this API accepts`,
      );
    throw err;
  }
  if (!text) return undefined;
  const type = req.headers.get("content-type");
  if (!type || !/^application\/json\s*(;|$)/i.test(type))
    throw unsupportedMediaType(
      `Send the request body as JSON with Content-Type: application/json${type ? ` (not ${capText(type, 60)})` : ""}`,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON");
  }
}

export function bearerToken(req: Request): string | undefined {
  const h = req.headers.get("authorization");
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

async function authenticate(
  req: Request,
  mode: TAuthMode,
  organizationId: string | undefined,
): Promise<TTokenAuth | null> {
  if (mode === "none") return null;
  const token = bearerToken(req);
  if (!token) throw unauthorized("Missing access token: send Authorization: Bearer <token>");
  const auth = await authenticateAccessToken(token);
  if (!auth) throw unauthorized("The access token is unknown, expired or revoked");
  if (mode === "any-token") return auth;
  if (organizationId !== undefined && organizationId !== auth.organizationId)
    throw forbidden("This access token belongs to another organization");
  if (!hasPermission(auth.permissions, mode)) throw forbidden(`This access token lacks the permission "${mode}"`);
  return auth;
}

export function icrRoute<
  P extends ZodType = ZodType<undefined>,
  Q extends ZodType = ZodType<undefined>,
  B extends ZodType = ZodType<undefined>,
  A extends TAuthMode = TAuthMode,
>(def: TRouteDef<P, Q, B, A>, handler: (args: THandlerArgs<P, Q, B, A>) => Promise<Response | unknown>) {
  return withRequestContext(async (req: Request, ctx?: TNextContext): Promise<Response> => {
    try {
      const version = req.headers.get("x-icr-api-version");
      if (version !== null && version !== ICR_API_VERSION)
        throw badRequest(`Unknown API version "${capText(version, 40)}". The known version is ${ICR_API_VERSION}.`);

      const rawParams = (ctx ? await ctx.params : undefined) ?? {};
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      assertNoNul(rawParams, "path parameters");
      assertNoNul(rawQuery, "query parameters");
      const auth = await authenticate(req, def.auth, typeof rawParams.id === "string" ? rawParams.id : undefined);
      const params = parseWith(def.params, rawParams, "path parameters");
      const query = parseWith(def.query, rawQuery, "query parameters");

      let body: z.output<B> = undefined as z.output<B>;
      if (def.body) {
        const json = await readJsonBody(req);
        assertNoNul(json, "request body");
        body = parseWith(def.body, json, "request body");
      }

      const result = await handler({ req, params, query, body, auth } as THandlerArgs<P, Q, B, A>);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      if (err instanceof IcrHttpError) return err.toResponse();
      logger.error({ err, url: req.url, method: req.method }, "ICR API error");
      return new IcrHttpError(500, "Something went wrong on our side; please retry.").toResponse();
    }
  });
}
