import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** /api/health answers 503 when no worker has beaten for this long. */
export const HEARTBEAT_STALE_SECONDS = 30;

export type THeartbeat = { workerId: string; stop: () => Promise<void> };

// Times are the database's own clock (UTC), so workers and web instances on hosts whose clocks
// disagree still compare beats correctly.
function beat(workerId: string) {
  return prisma.$executeRaw`INSERT INTO "worker_heartbeat" ("workerId", "startedAt", "beatAt")
    VALUES (${workerId}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT ("workerId") DO UPDATE SET "beatAt" = now() AT TIME ZONE 'UTC'`;
}

/** Records this worker's heartbeat now and every few seconds; stop() removes its row (a killed worker's row goes stale). */
export async function startHeartbeat(opts: { workerId?: string; intervalMs?: number } = {}): Promise<THeartbeat> {
  const workerId = opts.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  await prisma.$executeRaw`DELETE FROM "worker_heartbeat" WHERE "beatAt" < now() AT TIME ZONE 'UTC' - interval '1 day'`;
  await beat(workerId);
  const timer = setInterval(() => {
    beat(workerId).catch((err: unknown) =>
      logger.warn({ err: String(err), workerId }, "worker heartbeat failed; retrying"),
    );
  }, opts.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    workerId,
    stop: async () => {
      clearInterval(timer);
      await prisma.$executeRaw`DELETE FROM "worker_heartbeat" WHERE "workerId" = ${workerId}`;
    },
  };
}

export type TWorkerStatus = { alive: number; lastBeatSecondsAgo: number | null };

/** How many workers beat within HEARTBEAT_STALE_SECONDS, and how long ago the latest beat was. */
export async function workerStatus(): Promise<TWorkerStatus> {
  const [row] = await prisma.$queryRaw<{ alive: bigint; age: number | null }[]>`
    SELECT count(*) FILTER (WHERE "beatAt" > now() AT TIME ZONE 'UTC' - make_interval(secs => ${HEARTBEAT_STALE_SECONDS})) AS alive,
           EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - max("beatAt"))::float8 AS age
    FROM "worker_heartbeat"`;
  return { alive: Number(row.alive), lastBeatSecondsAgo: row.age === null ? null : Math.max(0, row.age) };
}
