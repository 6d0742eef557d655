import type { z } from "zod";
import { IcrApiError, ZIcrErrorBody } from "@/lib/icr/errors";

export const ICR_API_VERSION = "2023-06-16";
const DEFAULT_TIMEOUT_MS = 10_000;
const GET_RETRIES = 2;

export type TIcrRequest<S extends z.ZodType> = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** Required: every response is validated. */
  schema: S;
  /** Bearer credential: an installation token (crs_…) or the app JWT. Never logged. */
  auth?: string;
  body?: unknown;
  timeoutMs?: number;
  /** Sent as `idempotency-key` so a server that supports it can drop a repeated POST. */
  idempotencyKey?: string;
  /** "bytes": a file (e.g. a PDF); the schema then validates the raw bytes instead of JSON. */
  responseType?: "json" | "bytes";
};

/**
 * The one HTTP client for the ICR API: version header, timeouts, zod-validated responses, typed
 * errors with the parsed error body, and retries only for idempotent GETs.
 */
export class IcrHttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly opts: { timeoutMs?: number; retryDelayMs?: number } = {},
  ) {}

  async request<S extends z.ZodType>(req: TIcrRequest<S>): Promise<z.output<S>> {
    const attempts = req.method === "GET" ? GET_RETRIES + 1 : 1;
    let last: IcrApiError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.once(req);
      } catch (err) {
        if (!(err instanceof IcrApiError) || !err.isUnavailable || attempt === attempts) throw err;
        last = err;
        await new Promise((r) => setTimeout(r, (this.opts.retryDelayMs ?? 200) * attempt));
      }
    }
    throw last!;
  }

  private async once<S extends z.ZodType>(req: TIcrRequest<S>): Promise<z.output<S>> {
    const { method, path } = req;
    const headers: Record<string, string> = {
      accept: req.responseType === "bytes" ? "*/*" : "application/json",
      "x-icr-api-version": ICR_API_VERSION,
    };
    if (req.auth) headers.authorization = `Bearer ${req.auth}`;
    if (req.body !== undefined) headers["content-type"] = "application/json";
    if (req.idempotencyKey) headers["idempotency-key"] = req.idempotencyKey;
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, "")}${path}`, {
        method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
    } catch (err) {
      const isTimeout = (err as Error).name === "TimeoutError" || (err as Error).name === "AbortError";
      throw new IcrApiError(
        isTimeout ? "timeout" : "network",
        isTimeout
          ? `ICR did not answer ${method} ${path} within ${timeoutMs} ms`
          : `ICR is unreachable (${method} ${path})`,
        { method, path },
      );
    }

    const bytes = new Uint8Array(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (res.ok && req.responseType === "bytes") return req.schema.parse(bytes);
    const text = new TextDecoder().decode(bytes);
    const json = parseJson(text);
    if (!res.ok) {
      const body = ZIcrErrorBody.safeParse(json);
      const message =
        body.success && body.data.message ? body.data.message : `ICR answered ${res.status} to ${method} ${path}`;
      throw new IcrApiError("http", message, {
        status: res.status,
        body: body.success ? body.data : undefined,
        method,
        path,
      });
    }
    if (res.status === 204 && text === "") return req.schema.parse(undefined);
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
      throw new IcrApiError("invalid_response", `ICR's answer to ${method} ${path} is not what we expect (${where})`, {
        status: res.status,
        method,
        path,
        issues: parsed.error.issues,
      });
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
