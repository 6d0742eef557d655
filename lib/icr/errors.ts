import { z } from "zod";

// The ICR error body (docs/icr-contract.md): { statusCode, error, message, issues? }.
export const ZIcrErrorBody = z.object({
  statusCode: z.number().int().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type TIcrErrorBody = z.infer<typeof ZIcrErrorBody>;

export type TIcrErrorKind = "http" | "timeout" | "network" | "invalid_response";

/** Anything that went wrong talking to ICR. Keeps the HTTP status and the parsed error body. */
export class IcrApiError extends Error {
  readonly name = "IcrApiError";
  constructor(
    readonly kind: TIcrErrorKind,
    message: string,
    readonly details: {
      status?: number;
      body?: TIcrErrorBody;
      method: string;
      path: string;
      issues?: z.core.$ZodIssue[];
    },
  ) {
    super(redactSecrets(message));
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get isUnauthorized(): boolean {
    return this.details.status === 401;
  }

  get isNotFound(): boolean {
    return this.details.status === 404;
  }

  /** ICR unreachable, slow or answering 5xx: worth telling people "ICR is not answering". */
  get isUnavailable(): boolean {
    return this.kind === "timeout" || this.kind === "network" || (this.details.status ?? 0) >= 500;
  }
}

/** Removes bearer tokens, crs_ tokens and JWTs from text that might be logged or shown. */
export function redactSecrets(text: string): string {
  return text
    .replace(/crs_[A-Za-z0-9]+/g, "crs_[redacted]")
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]")
    .replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[jwt redacted]");
}
