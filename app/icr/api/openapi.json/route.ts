import { openApiDocument } from "@/lib/registry/api/openapi";

// GET /icr/api/openapi.json: the OpenAPI 3 document of this API.
export function GET() {
  return Response.json(openApiDocument());
}
