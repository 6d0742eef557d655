import { OpenAPIRegistry, OpenApiGeneratorV3 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { config } from "@/lib/config";
import { ENDPOINTS } from "@/lib/registry/api/endpoints";
import { ICR_API_VERSION } from "@/lib/registry/api/icr-route";
import { ZError } from "@/lib/registry/api/schemas";

let cached: unknown;

/** The OpenAPI 3 document of the sandbox's ICR API, generated from the routes' zod schemas. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An ICR access token (crs_…)",
  });
  const error = { description: "Error", content: { "application/json": { schema: ZError } } };
  const versionHeader = z.object({
    "x-icr-api-version": z
      .string()
      .optional()
      .meta({ description: `API version, default ${ICR_API_VERSION}` }),
  });
  for (const e of ENDPOINTS) {
    registry.registerPath({
      method: e.method,
      path: e.path,
      summary: e.summary,
      description: `Permission: ${e.auth}`,
      security: [{ [bearer.name]: [] }],
      request: {
        headers: versionHeader,
        ...(e.params ? { params: e.params } : {}),
        ...(e.query ? { query: e.query } : {}),
        ...(e.body ? { body: { content: { "application/json": { schema: e.body } } } } : {}),
      },
      responses: {
        [e.status ?? 200]:
          e.response === "none"
            ? { description: "No content" }
            : e.response === "pdf"
              ? {
                  description: "The certificate",
                  content: { "application/pdf": { schema: z.string().meta({ format: "binary" }) } },
                }
              : { description: "Success", content: { "application/json": { schema: e.response } } },
        400: error,
        401: error,
        403: error,
        404: error,
        409: error,
      },
    });
  }
  cached = new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: "3.0.3",
    info: {
      title: "ICR API (sandbox)",
      version: ICR_API_VERSION,
      description:
        "The documented ICR registry API as served by the embedded sandbox. Errors: { statusCode, error, message, issues? }.",
    },
    servers: [{ url: config().ICR_API_URL }],
  });
  return cached;
}
