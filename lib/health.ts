import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { provider } from "@/lib/chain/provider";
import { logger } from "@/lib/log/logger";
import { listMigrations } from "@/lib/migrations";
import { HEARTBEAT_STALE_SECONDS, workerStatus } from "@/lib/jobs/heartbeat";

type TCheck = { ok: boolean; detail: string; ms: number };
type TCheckName = "database" | "chain" | "migrations" | "workers";
export type THealth = {
  status: "ok" | "degraded";
  checks: Record<TCheckName, TCheck>;
};
/** What anyone may read: the overall status and each check's `ok` (no hosts, no error messages). */
export type TPublicHealth = {
  status: THealth["status"];
  checks: Record<TCheckName, { ok: boolean }>;
};

/** How long one health check answers every request (so a flood of requests runs one check per process). */
export const HEALTH_CACHE_MS = 5_000;

/**
 * A URL in an error message keeps only its scheme and host: a hosted RPC's key sits in its path
 * (…/v3/<key>) or query, a database URL's password in its user info.
 */
export function redactUrls(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s@/"'`<>]*@)?([^\s/?#"'`<>]*)[^\s"'`<>]*/gi, "$1$2");
}

/** A failure in one line, without secrets: ethers' short message (its long one repeats the request, URL included). */
function describeFailure(err: unknown): string {
  const e = err as { shortMessage?: unknown; message?: unknown };
  const text = typeof e.shortMessage === "string" ? e.shortMessage : String(e.message ?? err);
  return redactUrls(text).replace(/\s+/g, " ").trim().slice(0, 300);
}

async function timed(fn: () => Promise<string>): Promise<TCheck> {
  const start = performance.now();
  try {
    const detail = await withTimeout(fn(), 3000);
    return { ok: true, detail, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, detail: describeFailure(err), ms: Math.round(performance.now() - start) };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Database, chain, migration and worker-heartbeat status, each check run now. */
export async function checkHealth(): Promise<THealth> {
  const [database, chain, migrations, workers] = await Promise.all([
    timed(async () => {
      await prisma.$queryRaw`SELECT 1`;
      return "reachable";
    }),
    timed(async () => {
      const block = await provider().getBlockNumber();
      return `block ${block} at ${new URL(config().CHAIN_RPC_URL).host}`;
    }),
    timed(async () => {
      const rows = await prisma.$queryRaw<
        { migration_name: string }[]
      >`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      const done = new Set(rows.map((r) => r.migration_name));
      const pending = listMigrations()
        .map((m) => m.name)
        .filter((m) => !done.has(m));
      if (pending.length) throw new Error(`pending: ${pending.join(", ")}`);
      return `${done.size} applied, none pending`;
    }),
    timed(async () => {
      const { alive, lastBeatSecondsAgo: ago } = await workerStatus();
      const last = ago === null ? "no worker has ever beaten" : `last beat ${ago.toFixed(1)} s ago`;
      if (!alive) throw new Error(`no worker has beaten in ${HEARTBEAT_STALE_SECONDS} s (${last})`);
      return `${alive} worker${alive === 1 ? "" : "s"} alive, ${last}`;
    }),
  ]);
  const ok = database.ok && chain.ok && migrations.ok && workers.ok;
  return { status: ok ? "ok" : "degraded", checks: { database, chain, migrations, workers } };
}

const globalForHealth = globalThis as unknown as { health?: { at: number; result: Promise<THealth> } };

/**
 * The health of this process's dependencies, checked at most once per HEALTH_CACHE_MS: requests
 * meanwhile (or while a check runs) share its answer. A degraded answer is logged with its details.
 */
export function currentHealth(): Promise<THealth> {
  const cached = globalForHealth.health;
  if (cached && performance.now() - cached.at < HEALTH_CACHE_MS) return cached.result;
  const result = checkHealth().then((health) => {
    if (health.status !== "ok") logger.warn({ checks: health.checks }, "health check degraded");
    return health;
  });
  globalForHealth.health = { at: performance.now(), result };
  return result;
}

/** Forget the cached answer (tests that change a dependency between two requests). */
export function forgetHealth(): void {
  globalForHealth.health = undefined;
}

export function publicHealth(health: THealth): TPublicHealth {
  const checks = Object.fromEntries(
    Object.entries(health.checks).map(([name, check]) => [name, { ok: check.ok }]),
  ) as TPublicHealth["checks"];
  return { status: health.status, checks };
}
