import { z } from "zod";

export const ZApiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine-readable code, e.g. invalid_request" }),
      message: z.string().meta({ description: "What went wrong, for people" }),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });
export type TApiIssue = { path: string; message: string };

/** An answer of the API other than success: a status, a code and a message for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: TApiIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toResponse(): Response {
    return Response.json(
      { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } },
      { status: this.status, headers: { "cache-control": "no-store", ...this.headers } },
    );
  }
}
