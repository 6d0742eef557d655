// Errors of the ICR API: JSON `{ statusCode, error, message, issues? }` (docs/icr-contract.md).
export type TIssue = { path: string; message: string };

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Entity",
  500: "Internal Server Error",
};

export class IcrHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: TIssue[],
  ) {
    super(message);
  }

  toResponse(): Response {
    return Response.json({ statusCode: this.status, error: REASONS[this.status] ?? "Error", message: this.message, ...(this.issues ? { issues: this.issues } : {}) }, { status: this.status });
  }
}

export const badRequest = (message: string, issues?: TIssue[]) => new IcrHttpError(400, message, issues);
export const unauthorized = (message = "A valid access token is required") => new IcrHttpError(401, message);
export const forbidden = (message: string) => new IcrHttpError(403, message);
export const notFound = (message: string) => new IcrHttpError(404, message);
export const conflict = (message: string) => new IcrHttpError(409, message);
export const unprocessable = (message: string) => new IcrHttpError(422, message);
