// The background worker: a pg-boss queue on the app's PostgreSQL. Run by `npm start`; any number
// of workers (and app instances) can share one database, each job is processed once.
import { startJobs } from "../lib/jobs/start-jobs.ts";
import { logger } from "../lib/log/logger.ts";
import { startHeartbeat } from "../lib/jobs/heartbeat.ts";

await (await import("../lib/chain/chain-guard.ts")).startChainGuard(); // replay the chain log before any job, then watch the chain
const boss = await startJobs({ work: true });
await startHeartbeat();
logger.info("worker started");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await boss.stop({ graceful: true, timeout: 10_000 });
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
