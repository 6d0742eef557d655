import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { config } from "@/lib/config";
import { ZApiError } from "@/lib/carbonmark/api/api-error";
import { API_ENDPOINTS } from "@/lib/carbonmark/api/endpoints";
import { API_KEY_SCOPES } from "@/lib/carbonmark/api-keys/create-api-key";

let cached: unknown;

/** The OpenAPI 3.1 document of the API, generated from the endpoint table's zod schemas. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key (cmk_…) created in Carbonmark under Settings → API",
  });
  const error = (description: string) => ({ description, content: { "application/json": { schema: ZApiError } } });
  for (const e of API_ENDPOINTS) {
    const success =
      "contentType" in e.response
        ? { description: e.response.description, content: { [e.response.contentType]: { schema: z.string() } } }
        : { description: "Success", content: { "application/json": { schema: e.response } } };
    registry.registerPath({
      method: e.method,
      path: e.path,
      summary: e.summary,
      description: `Scope: ${API_KEY_SCOPES[e.scope].label.toLowerCase()} (${e.scope}).`,
      security: [{ [bearer.name]: [] }],
      request: {
        ...(e.params ? { params: e.params } : {}),
        ...(e.query ? { query: e.query } : {}),
        ...(e.idempotent
          ? {
              headers: z.object({
                "idempotency-key": z
                  .string()
                  .min(8)
                  .max(255)
                  .meta({ description: "Required. The same key and body answer the same, once; another body: 422" }),
              }),
            }
          : {}),
        ...(e.body ? { body: { content: { "application/json": { schema: e.body } }, required: true } } : {}),
      },
      responses: {
        [e.status ?? 200]: success,
        400: error("Invalid parameters or body"),
        401: error("Missing, unknown or revoked API key"),
        403: error("The key's scope does not allow this, or the account is frozen"),
        ...(e.params ? { 404: error("Not found") } : {}),
        ...(e.method === "post"
          ? {
              409: error("Not possible in the account's state, or the same Idempotency-Key is still running"),
              413: error("Body over 32 KiB"),
              415: error("Body not JSON"),
              422: error("Refused (e.g. more than available), or the Idempotency-Key was used with another body"),
            }
          : {}),
        ...(e.path === "/portfolio" ? { 409: error("The account has no wallet yet") } : {}),
        429: error("Rate limited (see Retry-After)"),
        503: error("A dependency is not answering (see Retry-After)"),
      },
    });
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Carbonmark API",
      version: "1",
      description:
        "A user's own portfolio, activity, retirements and proofs, and import requests. Amounts are decimal strings. Errors: { error: { code, message, issues? } }.",
    },
    servers: [{ url: `${config().APP_URL}/api/v1` }],
  });
  return cached;
}
