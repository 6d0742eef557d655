// The request being served, for whatever runs inside it (AsyncLocalStorage): its id goes on every
// log line (lib/log/logger.ts) and back to the caller in `x-request-id`.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { observeHttpRequest } from "@/lib/metrics/http-metrics";

type TRequestContext = { requestId: string };
const storage = new AsyncLocalStorage<TRequestContext>();

/** An incoming id is kept only if it is a short token of safe characters (it ends up in logs and headers). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    // Immutable headers (e.g. Response.redirect): copy the response.
    const copy = new Response(res.body, {
      status: res.status,
      statusText: res.statusText,
      headers: new Headers(res.headers),
    });
    copy.headers.set(name, value);
    return copy;
  }
}

/** Wraps a route handler: a request id for everything inside it, returned in `x-request-id`; the route's latency measured. */
export function withRequestContext<A extends unknown[]>(handler: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const started = performance.now();
    let status = 500;
    try {
      const res = await storage.run({ requestId }, () => handler(req, ...rest));
      status = res.status;
      return withHeader(res, "x-request-id", requestId);
    } finally {
      observeHttpRequest({ method: req.method, url: req.url, status, seconds: (performance.now() - started) / 1000 });
    }
  };
}
