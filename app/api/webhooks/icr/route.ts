import { config } from "@/lib/config";
import { handleIcrWebhook, ZIcrWebhook } from "@/lib/carbonmark/webhooks/handle-icr-webhook";
import { isValidIcrSignature } from "@/lib/carbonmark/webhooks/verify-signature";
import { BodyTooLargeError, readLimitedBody } from "@/lib/http/read-limited-body";
import { logger } from "@/lib/log/logger";
import { withRequestContext } from "@/lib/log/request-context";

/** ICR's deliveries are a few kB; anything larger is refused before its signature is computed. */
export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024;

export const dynamic = "force-dynamic";

// POST /api/webhooks/icr: signed deliveries from ICR (installed, uninstalled, organizationTransaction).
async function post(req: Request) {
  let raw: string;
  try {
    raw = await readLimitedBody(req, WEBHOOK_BODY_LIMIT_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      return Response.json({ message: `the body is larger than ${WEBHOOK_BODY_LIMIT_BYTES} bytes` }, { status: 413 });
    throw err;
  }
  if (!isValidIcrSignature(raw, req.headers.get("x-icr-signature-256"), config().ICR_WEBHOOK_SECRET)) {
    return Response.json({ message: "invalid signature" }, { status: 401 });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return Response.json({ message: "the body is not JSON" }, { status: 400 });
  }
  const deliveryHeader = req.headers.get("x-icr-delivery");
  const parsed = ZIcrWebhook.safeParse(json);
  if (!parsed.success)
    return Response.json(
      {
        message: "unexpected payload",
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
      { status: 400 },
    );
  if (deliveryHeader && deliveryHeader !== parsed.data.deliveryId)
    return Response.json({ message: "delivery id mismatch" }, { status: 400 });
  const result = await handleIcrWebhook(parsed.data);
  logger.info(
    { event: parsed.data.event, deliveryId: parsed.data.deliveryId, duplicate: result.duplicate },
    "ICR webhook",
  );
  return Response.json({ ok: true, duplicate: result.duplicate });
}

export const POST = withRequestContext(post);
