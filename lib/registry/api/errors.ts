// Errors of the ICR API: JSON `{ statusCode, error, message, issues? }` (docs/icr-contract.md).
export type TIssue = { path: string; message: string };

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Error messages never grow with the input: anything echoed is cut to this many characters. */
export const MAX_MESSAGE_CHARS = 300;

/** `text` cut to `max` characters (with an ellipsis), so an error never echoes unbounded input. */
export function capText(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export class IcrHttpError extends Error {
  readonly issues?: TIssue[];
  constructor(
    readonly status: number,
    message: string,
    issues?: TIssue[],
  ) {
    super(capText(message));
    this.issues = issues?.slice(0, 20).map((i) => ({ path: capText(i.path, 100), message: capText(i.message) }));
  }

  toResponse(): Response {
    return Response.json(
      {
        statusCode: this.status,
        error: REASONS[this.status] ?? "Error",
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
      },
      { status: this.status },
    );
  }
}

export const badRequest = (message: string, issues?: TIssue[]) => new IcrHttpError(400, message, issues);
export const unauthorized = (message = "A valid access token is required") => new IcrHttpError(401, message);
export const forbidden = (message: string) => new IcrHttpError(403, message);
export const notFound = (message: string) => new IcrHttpError(404, message);
export const conflict = (message: string) => new IcrHttpError(409, message);
export const unprocessable = (message: string) => new IcrHttpError(422, message);
export const payloadTooLarge = (message: string) => new IcrHttpError(413, message);
export const unsupportedMediaType = (message: string) => new IcrHttpError(415, message);
