// Metrics read from the database at scrape time: right with any number of web instances and
// workers (each instance answers the same), at the cost of a few aggregate queries per scrape.
import { Gauge, type Registry } from "prom-client";
import { prisma } from "@/lib/db";
import { HEARTBEAT_STALE_SECONDS } from "@/lib/jobs/heartbeat";
import { logger } from "@/lib/log/logger";
import { registerDbHistogram, type THistogramCounts } from "@/lib/metrics/db-histogram";
import { WEBHOOK_QUEUE } from "@/lib/registry/webhooks/webhook-jobs";

const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

/** Bucket counts, sum and count of the `seconds` column of a query, in one round trip. */
async function histogram(samples: string, params: unknown[], buckets: number[]): Promise<THistogramCounts> {
  const rows = await prisma.$queryRawUnsafe<{ le: number; n: bigint; sum: number | null; count: bigint }[]>(
    `WITH s AS (${samples})
     SELECT b.le, (SELECT count(*) FROM s WHERE s.seconds <= b.le) AS n, (SELECT sum(seconds) FROM s)::float8 AS sum, (SELECT count(*) FROM s) AS count
     FROM unnest($${params.length + 1}::float8[]) AS b(le) ORDER BY b.le`,
    ...params,
    buckets,
  );
  return { buckets, counts: rows.map((r) => Number(r.n)), sum: rows[0]?.sum ?? 0, count: Number(rows[0]?.count ?? 0) };
}

async function hasPgBoss(): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ t: string | null }[]>`SELECT to_regclass('pgboss.job')::text AS t`;
  return row.t !== null;
}

function dbGauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
  read: (set: (labels: Partial<Record<L, string>>, value: number) => void) => Promise<void>,
) {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        await read((labels, value) => this.set(labels, value));
      } catch (err) {
        logger.warn({ err: String(err), metric: name }, "metric could not be read from the database");
      }
    },
  });
}

export function registerDbMetrics(registry: Registry): void {
  dbGauge(
    registry,
    "icr_credit_requests",
    "ICR credit requests by state and action",
    ["state", "action"],
    async (set) => {
      const rows = await prisma.icrCreditRequest.groupBy({ by: ["state", "action"], _count: { _all: true } });
      for (const r of rows) set({ state: r.state, action: r.action }, r._count._all);
    },
  );
  dbGauge(registry, "carbonmark_imports", "Carbonmark imports by state", ["state"], async (set) => {
    const rows = await prisma.cmImport.groupBy({ by: ["state"], _count: { _all: true } });
    for (const r of rows) set({ state: r.state }, r._count._all);
  });
  dbGauge(
    registry,
    "pgboss_queue_depth",
    "Jobs waiting in each pg-boss queue (created or waiting to retry)",
    ["queue"],
    async (set) => {
      for (const q of await queueStats()) set({ queue: q.name }, Number(q.waiting));
    },
  );
  dbGauge(
    registry,
    "pgboss_queue_active_jobs",
    "Jobs a worker is working on, per pg-boss queue",
    ["queue"],
    async (set) => {
      for (const q of await queueStats()) set({ queue: q.name }, Number(q.active));
    },
  );
  dbGauge(
    registry,
    "pgboss_queue_oldest_job_age_seconds",
    "Age of the oldest waiting job per pg-boss queue (0 when none waits)",
    ["queue"],
    async (set) => {
      for (const q of await queueStats()) set({ queue: q.name }, q.oldest ?? 0);
    },
  );
  dbGauge(
    registry,
    "icr_webhook_deliveries",
    "Webhook deliveries pg-boss still keeps, by state (failed = gave up after every retry)",
    ["state"],
    async (set) => {
      if (!(await hasPgBoss())) return;
      const rows = await prisma.$queryRaw<{ state: string; n: bigint }[]>`
      SELECT state::text, count(*) AS n FROM (SELECT state FROM pgboss.job WHERE name = ${WEBHOOK_QUEUE} UNION ALL SELECT state FROM pgboss.archive WHERE name = ${WEBHOOK_QUEUE}) j GROUP BY state`;
      for (const r of rows) set({ state: r.state }, Number(r.n));
    },
  );
  dbGauge(
    registry,
    "icr_webhook_failed_attempts",
    "Failed webhook delivery attempts (receiver down, non-2xx, timeout) over the deliveries pg-boss still keeps",
    [],
    async (set) => {
      if (!(await hasPgBoss())) return;
      // pg-boss counts a retry when it starts it: a job waiting to retry, or given up, has one failure more.
      const [r] = await prisma.$queryRaw<{ n: bigint | null }[]>`
      SELECT sum(retry_count + CASE WHEN state IN ('retry', 'failed') THEN 1 ELSE 0 END) AS n
      FROM (SELECT state, retry_count FROM pgboss.job WHERE name = ${WEBHOOK_QUEUE} UNION ALL SELECT state, retry_count FROM pgboss.archive WHERE name = ${WEBHOOK_QUEUE}) j`;
      set({}, Number(r.n ?? 0));
    },
  );
  dbGauge(
    registry,
    "carbonmark_pin_locked_wallets",
    "Wallets whose export PIN is locked out now (too many wrong PINs)",
    [],
    async (set) => {
      set({}, await prisma.cmWallet.count({ where: { pinLockedUntil: { gt: new Date() } } }));
    },
  );
  dbGauge(
    registry,
    "carbonmark_pin_failing_wallets",
    "Wallets with wrong PIN attempts counted towards a lock-out",
    [],
    async (set) => {
      set({}, await prisma.cmWallet.count({ where: { pinFailures: { gt: 0 } } }));
    },
  );
  dbGauge(
    registry,
    "worker_alive",
    `Workers whose heartbeat is under ${HEARTBEAT_STALE_SECONDS} s old`,
    [],
    async (set) => {
      const [r] = await prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM "worker_heartbeat" WHERE "beatAt" > now() AT TIME ZONE 'UTC' - make_interval(secs => ${HEARTBEAT_STALE_SECONDS})`;
      set({}, Number(r.n));
    },
  );

  registerDbHistogram(registry, {
    name: "icr_request_processing_seconds",
    help: "From an admin's Accept to the request being processed on chain (processed requests)",
    buckets: LATENCY_BUCKETS,
    read: (b) =>
      histogram(
        `SELECT EXTRACT(EPOCH FROM "updatedAt" - "decidedAt")::float8 AS seconds FROM "icr_credit_request" WHERE state = 'processed' AND "decidedAt" IS NOT NULL`,
        [],
        b,
      ),
  });
  registerDbHistogram(registry, {
    name: "icr_webhook_delivery_seconds",
    help: "From a webhook being queued to its delivery being acknowledged, retries included (deliveries pg-boss still keeps)",
    buckets: LATENCY_BUCKETS,
    read: async (b) =>
      (await hasPgBoss())
        ? histogram(
            `SELECT EXTRACT(EPOCH FROM completed_on - created_on)::float8 AS seconds FROM (
               SELECT completed_on, created_on FROM pgboss.job WHERE name = $1 AND state = 'completed'
               UNION ALL SELECT completed_on, created_on FROM pgboss.archive WHERE name = $1 AND state = 'completed') j`,
            [WEBHOOK_QUEUE],
            b,
          )
        : { buckets: b, counts: b.map(() => 0), sum: 0, count: 0 },
  });
}

type TQueueStats = { name: string; waiting: bigint; active: bigint; oldest: number | null };
let queueStatsCache: { at: number; rows: Promise<TQueueStats[]> } | undefined;

/** One query per scrape for the three queue gauges. */
function queueStats(): Promise<TQueueStats[]> {
  if (queueStatsCache && Date.now() - queueStatsCache.at < 1000) return queueStatsCache.rows;
  const rows = (async () => {
    if (!(await hasPgBoss())) return [];
    return prisma.$queryRaw<TQueueStats[]>`
      SELECT q.name,
             count(j.id) FILTER (WHERE j.state IN ('created', 'retry')) AS waiting,
             count(j.id) FILTER (WHERE j.state = 'active') AS active,
             EXTRACT(EPOCH FROM now() - min(j.created_on) FILTER (WHERE j.state IN ('created', 'retry')))::float8 AS oldest
      FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name AND j.state < 'completed'
      WHERE q.name NOT LIKE '\_\_pgboss%'
      GROUP BY q.name ORDER BY q.name`;
  })();
  queueStatsCache = { at: Date.now(), rows };
  return rows;
}
