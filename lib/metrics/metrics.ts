import { collectDefaultMetrics } from "prom-client";
import { registerDbMetrics } from "@/lib/metrics/db-metrics";
import { metricsRegistry } from "@/lib/metrics/registry";

const globalForMetrics = globalThis as unknown as { metricsReady?: boolean };

/** The Prometheus exposition of this process: database-derived figures plus this process's own (HTTP latency, Node.js). */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const registry = metricsRegistry();
  if (!globalForMetrics.metricsReady) {
    globalForMetrics.metricsReady = true;
    collectDefaultMetrics({ register: registry });
    registerDbMetrics(registry);
  }
  return { body: await registry.metrics(), contentType: registry.contentType };
}
