// Security headers of every response (set by proxy.ts). Pages get a Content-Security-Policy with a
// fresh nonce per request: Next.js reads it from the request's CSP header and puts it on its own
// scripts, so no inline script runs without it ('strict-dynamic' lets those scripts load chunks).
// Styles keep 'unsafe-inline': React's style={...} attributes, Next's injected <style>
// tags cannot carry a nonce, and CSS cannot run script; script-src stays strict.
//
// Which policy a response gets is decided by the route that will answer, never by the look of the
// path: a path no route handler serves is answered by Next.js with an HTML page (its 404), wherever
// it is (/api/…, …/certificate), so it gets the page policy. Only the PDF route handlers get the
// reduced one. JSON answers get the page policy too: it costs nothing and nothing in JSON runs.
import { routeHandlerOf, type TRouteHandler } from "@/lib/http/route-templates";

export type TRouteKind = "page" | "document"; // document = a PDF: nothing runs in it

/** The route handlers that answer PDFs (certificates); their errors are JSON or plain text, never HTML. */
const PDF_ROUTES = new Set<TRouteHandler>([
  "/icr/retirements/[retirementId]/certificate",
  "/icr/api/retirements/[retirementId]/pdf",
  "/api/carbonmark/retirements/[id]/certificate",
  "/api/carbonmark/certificates/[icrRetirementId]",
]);

/** "document" for the PDF route handlers; "page" for everything else, HTML 404s and next-auth's own pages included. */
export function routeKind(pathname: string): TRouteKind {
  const handler = routeHandlerOf(pathname);
  return handler && PDF_ROUTES.has(handler) ? "document" : "page";
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy(opts: { nonce: string; isDev: boolean; isHttps: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers for one response. `nonce` only for pages. */
export function securityHeaders(opts: {
  kind: TRouteKind;
  nonce?: string;
  isDev: boolean;
  isHttps: boolean;
}): Record<string, string> {
  const headers: Record<string, string> = {
    // PDFs run nothing, so only framing is restricted there (a script policy could stop the
    // browser's PDF viewer).
    "content-security-policy":
      opts.kind === "page" && opts.nonce
        ? contentSecurityPolicy({ nonce: opts.nonce, isDev: opts.isDev, isHttps: opts.isHttps })
        : "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
  if (opts.isHttps) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
