import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { provider } from "@/lib/chain/provider";
import { listMigrations } from "@/lib/migrations";
import { HEARTBEAT_STALE_SECONDS, workerStatus } from "@/lib/jobs/heartbeat";

type TCheck = { ok: boolean; detail: string; ms: number };
export type THealth = {
  status: "ok" | "degraded";
  checks: { database: TCheck; chain: TCheck; migrations: TCheck; workers: TCheck };
};

async function timed(fn: () => Promise<string>): Promise<TCheck> {
  const start = performance.now();
  try {
    const detail = await withTimeout(fn(), 3000);
    return { ok: true, detail, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, detail: (err as Error).message, ms: Math.round(performance.now() - start) };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}

/** Database, chain, migration and worker-heartbeat status, for GET /api/health. */
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
