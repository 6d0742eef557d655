import PgBoss from "pg-boss";
import { config } from "@/lib/config";
import { logger } from "@/lib/log/logger";

/** pg-boss's schema (its tables and functions). */
const SCHEMA = "pgboss";

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

/** The process's pg-boss instance (started lazily; senders need no worker). */
export function boss(): Promise<PgBoss> {
  globalForBoss.boss ??= (async () => {
    // Maintenance (once per interval across every process) is what fails the jobs a killed worker
    // held once they expire; pg-boss's default of every 120 s made a killed worker's batch wait up
    // to 4 minutes (expiry 120 s + the next maintenance) before another worker took it over.
    const b = new PgBoss({
      connectionString: config().DATABASE_URL,
      schema: SCHEMA,
      max: 5,
      maintenanceIntervalSeconds: 15,
    });
    // Lost connections (the database restarting) arrive here; pg-boss keeps polling and resumes.
    b.on("error", (err) => logger.warn({ err: err.message }, "pg-boss: database error (it retries)"));
    await b.start();
    return b;
  })();
  return globalForBoss.boss;
}

/** Stops the process's instance; the next `boss()` starts a fresh one. */
export async function stopBoss(opts: PgBoss.StopOptions = { graceful: true, timeout: 10_000 }): Promise<void> {
  const current = globalForBoss.boss;
  globalForBoss.boss = undefined;
  if (current) await (await current).stop(opts);
}

export type TQueueOptions = Omit<PgBoss.Queue, "name">;

/**
 * Creates a queue (its partition table); creating one that exists changes nothing. Processes
 * starting at the same moment on a fresh database create the same queues at once, and PostgreSQL
 * broke those racing CREATE TABLE / ATTACH PARTITION statements as deadlocks (each costing its
 * `deadlock_timeout`, and a victim that could exhaust its retries). Creation is therefore serialised
 * across every process by a transaction-scoped advisory lock taken in the same statement as pg-boss's
 * own `create_queue`; a deadlock with anything else is still retried.
 */
export async function createQueueSafely(b: PgBoss, name: string, options: TQueueOptions = {}): Promise<void> {
  const {
    policy = "standard",
    retryLimit,
    retryDelay,
    retryBackoff,
    expireInSeconds,
    retentionMinutes,
    deadLetter,
  } = options;
  // The same fields, in the same shape, that pg-boss's createQueue hands to create_queue.
  const data = { policy, retryLimit, retryDelay, retryBackoff, expireInSeconds, retentionMinutes, deadLetter };
  for (let attempt = 1; ; attempt++) {
    try {
      await b.getDb().executeSql(
        `WITH serialised AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtextextended('pgboss.create_queue', 0)))
         SELECT ${SCHEMA}.create_queue($1, $2) FROM serialised`,
        [name, data],
      );
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "40P01" || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 100 * attempt));
    }
  }
}

const createdQueues = new WeakMap<PgBoss, Map<string, Promise<void>>>();

/** The instance with `name` created (once per instance), for senders that may run before any worker. */
export async function bossWithQueue(name: string, options: TQueueOptions): Promise<PgBoss> {
  const b = await boss();
  let queues = createdQueues.get(b);
  if (!queues) createdQueues.set(b, (queues = new Map()));
  if (!queues.has(name)) queues.set(name, createQueueSafely(b, name, options));
  await queues.get(name);
  return b;
}
