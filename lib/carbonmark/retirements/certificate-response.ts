import { CmUserError } from "@/lib/carbonmark/errors";
import { IcrApiError } from "@/lib/icr/errors";
import { logger } from "@/lib/log/logger";

export function pdfResponse(pdf: Uint8Array, icrRetirementId: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="retirement-certificate-${icrRetirementId}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
}

/** Expected failures as a JSON message with a fitting status; anything else logged and hidden. */
export function certificateErrorResponse(err: Error): Response {
  if (err instanceof CmUserError)
    return Response.json(
      { message: err.message },
      { status: err.code === "not_found" ? 404 : err.code === "conflict" ? 409 : 400 },
    );
  if (err instanceof IcrApiError && err.status && err.status < 500)
    return Response.json({ message: err.message }, { status: err.status === 404 ? 404 : 409 });
  if (err instanceof IcrApiError)
    return Response.json({ message: "ICR is not answering right now. Try again in a minute." }, { status: 503 });
  logger.error({ err: { name: err.name, message: err.message } }, "certificate download failed");
  return Response.json({ message: "Something went wrong on our side." }, { status: 500 });
}
