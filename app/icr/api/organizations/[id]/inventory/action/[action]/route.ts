import { badRequest } from "@/lib/registry/api/errors";
import { icrRoute } from "@/lib/registry/api/icr-route";
import { ZActionBody, ZActionParams, ZCancelBody } from "@/lib/registry/api/schemas";
import { cancelRequest } from "@/lib/registry/requests/cancel-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { serializeRequest } from "@/lib/registry/requests/serialize-request";
import { z } from "zod";

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw badRequest(
    `Invalid request body: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
    issues,
  );
}

// POST /icr/api/organizations/{id}/inventory/action/{transfer|retire|transfer_retire|cancel}: requests a transfer or retirement (an admin must accept it), or cancels one.
export const POST = icrRoute(
  { auth: "organization_inventory:read_write", params: ZActionParams, body: z.unknown() },
  async ({ params, body, auth }) => {
    if (body === undefined || body === null || typeof body !== "object")
      throw badRequest("The request body must be a JSON object");
    if (params.action === "cancel") {
      const { transactionId } = parse(ZCancelBody, body);
      return serializeRequest(
        await cancelRequest({
          organizationId: params.id,
          requestId: transactionId,
          appId: auth.appId,
          tokenId: auth.tokenId,
        }),
      );
    }
    const input = parse(ZActionBody, body);
    const request = await createRequest({
      organizationId: params.id,
      action: params.action,
      input,
      requestedByAppId: auth.appId,
      requestedByToken: auth.tokenId,
      requestedByInstallationId: auth.installationId,
    });
    return serializeRequest(request);
  },
);
