import { notFound } from "@/lib/registry/api/errors";

// Any /icr/api/* path no route serves: a JSON 404 like every other API error (never an HTML page).
function unknownPath(): Response {
  return notFound("There is no such ICR API endpoint. The endpoints are listed in /icr/api/openapi.json.").toResponse();
}

export const dynamic = "force-dynamic";
export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
