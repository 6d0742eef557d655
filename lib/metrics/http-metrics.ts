// HTTP latency by route: per process (each web instance is scraped on its own).
import { Histogram } from "prom-client";
import { metricsRegistry } from "@/lib/metrics/registry";

const globalForHttp = globalThis as unknown as { httpDuration?: Histogram<"method" | "route" | "status"> };

function httpDuration() {
  globalForHttp.httpDuration ??= new Histogram({
    name: "http_request_duration_seconds",
    help: "Latency of HTTP requests served by this process, by route (ids replaced by placeholders)",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metricsRegistry()],
  });
  return globalForHttp.httpDuration;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route of a path, with ids, addresses, numbers and other long tokens replaced, so labels stay few. */
export function routeOf(pathname: string): string {
  return pathname
    .split("/")
    .map((s) =>
      UUID.test(s)
        ? ":id"
        : /^0x[0-9a-f]+$/i.test(s)
          ? ":address"
          : /^\d+$/.test(s)
            ? ":n"
            : s.length > 32 || /^exPost-/.test(s)
              ? ":id"
              : s,
    )
    .join("/");
}

export function observeHttpRequest(r: { method: string; url: string; status: number; seconds: number }): void {
  httpDuration().observe(
    { method: r.method, route: routeOf(new URL(r.url).pathname), status: String(r.status) },
    r.seconds,
  );
}
