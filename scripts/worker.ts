// The background worker: a pg-boss queue on the app's PostgreSQL. Run by `npm start`; any number
// of workers (and app instances) can share one database, each job is processed once.
// It rides out a database or chain outage: pg-boss reports lost connections as 'error' events
// (logged in lib/jobs/boss.ts) and polls again once the database is back; a rejection nobody
// awaited is logged, never fatal. If it must exit anyway, `npm start`'s supervisor restarts it.
import type PgBoss from "pg-boss";
import { startJobs } from "../lib/jobs/start-jobs.ts";
import { APP_QUEUES, RECLAIMABLE_QUEUES } from "../lib/worker/queues.ts";
import { stopBoss } from "../lib/jobs/boss.ts";
import { logger } from "../lib/log/logger.ts";
import { startHeartbeat, type THeartbeat } from "../lib/jobs/heartbeat.ts";
import { startReclaimingJobs } from "../lib/jobs/job-claims.ts";

process.on("unhandledRejection", (reason) =>
  logger.error({ err: String(reason) }, "unhandled rejection in the worker (ignored; the job is retried)"),
);

let stopping = false;
let boss: PgBoss | undefined;
let heartbeat: THeartbeat | undefined;
let chainGuard: { stop: () => void } | undefined;
let reclaimer: { stop: () => void } | undefined;

async function stop() {
  if (stopping) return;
  stopping = true;
  // Under the supervisor's kill deadline: jobs still running are retried elsewhere or later.
  chainGuard?.stop();
  reclaimer?.stop();
  // Jobs first, then the heartbeat: while this worker still beats, nobody takes over its jobs.
  await boss?.stop({ graceful: true, timeout: 5_000 }).catch(() => undefined);
  await heartbeat?.stop().catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

/** Start-up work that must finish before the queues run: replay the chain log, then keep watching the chain. */
async function beforeQueues(): Promise<void> {
  chainGuard ??= await (await import("../lib/chain/chain-guard.ts")).startChainGuard();
}

// The database may be down (or restarting) when the worker starts: wait for it, backing off.
for (let attempt = 1; !stopping && !boss; attempt++) {
  try {
    await beforeQueues();
    // The heartbeat comes first: the jobs this worker claims are its heartbeat's (job-claims.ts).
    heartbeat ??= await startHeartbeat();
    boss = await startJobs({ queues: APP_QUEUES, work: true, workerId: heartbeat.workerId });
  } catch (err) {
    await stopBoss({ graceful: false, wait: false, timeout: 1_000 }).catch(() => undefined);
    const delay = Math.min(10_000, 500 * 2 ** Math.min(attempt - 1, 5));
    logger.warn({ err: String(err), attempt, retryInMs: delay }, "worker could not start its queues; retrying");
    await new Promise((r) => setTimeout(r, delay));
  }
}
if (boss) {
  reclaimer = startReclaimingJobs(boss, { queues: RECLAIMABLE_QUEUES });
  logger.info("worker started");
}
