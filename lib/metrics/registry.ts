import { Registry } from "prom-client";

const globalForMetrics = globalThis as unknown as { metricsRegistry?: Registry };

/** The process's metrics registry (one per process, kept across hot reloads). */
export function metricsRegistry(): Registry {
  globalForMetrics.metricsRegistry ??= new Registry();
  return globalForMetrics.metricsRegistry;
}
