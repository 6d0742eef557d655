// A Prometheus histogram whose buckets are counted by the database at scrape time, so every web
// instance reports the same figures whichever instance or worker did the work.
import type { Registry } from "prom-client";

export type THistogramCounts = { buckets: number[]; counts: number[]; sum: number; count: number };

export function registerDbHistogram(
  registry: Registry,
  opts: { name: string; help: string; buckets: number[]; read: (buckets: number[]) => Promise<THistogramCounts> },
) {
  registry.registerMetric({
    name: opts.name,
    help: opts.help,
    type: "histogram",
    aggregator: "sum",
    async get() {
      const h = await opts.read(opts.buckets);
      const values = [
        ...h.buckets.map((le, i) => ({ metricName: `${opts.name}_bucket`, labels: { le }, value: h.counts[i] })),
        { metricName: `${opts.name}_bucket`, labels: { le: "+Inf" }, value: h.count },
        { metricName: `${opts.name}_sum`, labels: {}, value: h.sum },
        { metricName: `${opts.name}_count`, labels: {}, value: h.count },
      ];
      return { name: opts.name, help: opts.help, type: "histogram", aggregator: "sum", values };
    },
  } as never);
}
