// HTTP latency by route: per process (each web instance is scraped on its own). Labels come from
// fixed sets only (the route handler's template, a known method, the status), so requests to
// invented paths never make new series.
import { Histogram } from "prom-client";
import { routeHandlerOf } from "@/lib/http/route-templates";
import { metricsRegistry } from "@/lib/metrics/registry";

const globalForHttp = globalThis as unknown as { httpDuration?: Histogram<"method" | "route" | "status"> };

function httpDuration() {
  globalForHttp.httpDuration ??= new Histogram({
    name: "http_request_duration_seconds",
    help: "Latency of HTTP requests served by this process, by route template (no handler: other)",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metricsRegistry()],
  });
  return globalForHttp.httpDuration;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The metric's route label: the template of the handler serving the path, e.g. "/icr/api/organizations/[id]/inventory"; else "other". */
export function routeLabel(pathname: string): string {
  return routeHandlerOf(pathname) ?? "other";
}

export function observeHttpRequest(r: { method: string; url: string; status: number; seconds: number }): void {
  const method = r.method.toUpperCase();
  httpDuration().observe(
    {
      method: METHODS.has(method) ? method : "other",
      route: routeLabel(new URL(r.url).pathname),
      status: r.status >= 100 && r.status <= 599 ? String(r.status) : "other",
    },
    r.seconds,
  );
}
