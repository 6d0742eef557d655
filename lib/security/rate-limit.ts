// Rate limits whose counters live in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres), so
// every app instance shares them. Each side has its own table (cm_rate_limit, icr_rate_limit).
import { config } from "@/lib/config";
import { Pool } from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { logger } from "@/lib/log/logger";

export type TRateLimitTable = "cm_rate_limit" | "icr_rate_limit";
export type TLimit = { name: string; points: number; durationSec: number };

/** A refused attempt; its message is meant for people, `retryAfterSec` for the Retry-After header. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSec: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSec / 60));
    super(`Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    this.name = "RateLimitedError";
  }
}

const globalForPool = globalThis as unknown as { rateLimitPool?: Pool };

/**
 * A small pool of its own, so a burst of limited requests never waits behind Prisma's queries. An
 * idle connection the server ends (restart, failover) is dropped with a warning; without a listener
 * pg would raise it as an uncaught exception and end the process.
 */
function defaultPool(): Pool {
  if (!globalForPool.rateLimitPool) {
    const pool = new Pool({ connectionString: config().DATABASE_URL, max: 3, application_name: "rate-limit" });
    pool.on("error", (err) => logger.warn({ err: err.message }, "rate limits: an idle database connection was lost"));
    globalForPool.rateLimitPool = pool;
  }
  return globalForPool.rateLimitPool;
}

export function createLimiter(table: TRateLimitTable, limit: TLimit, pool: Pool = defaultPool()): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: table,
    tableCreated: true, // created by a migration
    clearExpiredByTimeout: false, // the worker prunes expired rows (prune-rate-limits.ts)
    keyPrefix: limit.name,
    points: limit.points,
    duration: limit.durationSec,
  });
}

export type TLimitCheck = { limiter: RateLimiterPostgres; key: string };

/**
 * Counts one attempt on each check in order (atomically, before the attempt is made, so parallel
 * requests cannot slip past) and throws RateLimitedError at the first one over its limit: the checks
 * after it are not counted, so list the client's own budget (its IP) before shared ones (an account).
 */
export async function consumeOrThrow(checks: TLimitCheck[]): Promise<void> {
  for (const c of checks) {
    try {
      await c.limiter.consume(c.key.toLowerCase());
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw err;
    }
  }
}

/** Gives back the attempt counted on these checks (a success should not use up a user's budget). */
export async function refund(checks: TLimitCheck[]): Promise<void> {
  await Promise.all(checks.map((c) => c.limiter.reward(c.key.toLowerCase(), 1)));
}

/**
 * Runs `attempt` under these checks so that only failures use up the budget: the attempt is counted
 * before it runs (throws RateLimitedError when over a limit), and given back when it succeeds.
 */
export async function limitFailures<T>(
  checks: TLimitCheck[],
  attempt: () => Promise<T>,
  isSuccess: (result: T) => boolean,
): Promise<T> {
  await consumeOrThrow(checks);
  const result = await attempt();
  if (isSuccess(result)) await refund(checks);
  return result;
}
