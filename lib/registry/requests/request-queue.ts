import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { bossWithQueue } from "@/lib/jobs/boss";
import type { TQueue } from "@/lib/jobs/queue";
import { prisma, type TDb } from "@/lib/db";
import { jobsInTransaction } from "@/lib/jobs/in-transaction";
import { notifyLive } from "@/lib/live/notify";
import { logger } from "@/lib/log/logger";
import { processRequests } from "@/lib/registry/requests/process-request";

export const PROCESS_REQUEST_QUEUE = "icr-process-request";
export const SWEEP_REQUESTS_QUEUE = "icr-sweep-requests";
/** A job that dies with its worker expires after 2 minutes and is retried; processing is idempotent. */
const PROCESS_OPTIONS = { retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: 120 } as const;

function requestBoss(): Promise<PgBoss> {
  return bossWithQueue(PROCESS_REQUEST_QUEUE, PROCESS_OPTIONS);
}

/** Starts this process's pg-boss and the queue (once), so that a transaction that queues a job does not wait for it. */
export async function requestQueueReady(): Promise<void> {
  await requestBoss();
}

/**
 * Queues processing of an accepted request, in `db`'s transaction when given (the job then exists if
 * and only if the acceptance commits). The job id is the request id, so queuing twice adds nothing.
 * Workers hear of it on the live channel at the commit instead of at their next poll.
 */
export async function enqueueRequestProcessing(
  requestId: string,
  opts: { fresh?: boolean; db?: TDb } = {},
): Promise<void> {
  const b = await requestBoss();
  await b.send(PROCESS_REQUEST_QUEUE, { requestId }, {
    ...PROCESS_OPTIONS,
    id: opts.fresh ? randomUUID() : requestId,
    ...(opts.db ? { db: jobsInTransaction(opts.db) } : {}),
  } as PgBoss.SendOptions);
  await notifyLive(opts.db ?? prisma, [{ topic: "jobs", queue: PROCESS_REQUEST_QUEUE }]);
}

const ZJob = z.object({ requestId: z.uuid() });

export const processRequestQueue: TQueue = {
  name: PROCESS_REQUEST_QUEUE,
  options: PROCESS_OPTIONS,
  // Up to five full move batches per fetch (move-batch.ts MAX_MOVES), sent as one pipeline.
  workOptions: { batchSize: 1000, pollingIntervalSeconds: 0.5 },
  // Two per process: one batch awaits its receipts while the next is signed and sent.
  workers: 2,
  wakeOnAnnounce: true,
  // A killed worker's batch is retried by another within ~30 s (its heartbeat going stale), not at expiry.
  reclaimIfWorkerDies: true,
  // A batch is sent as one pipeline (one operator lock, consecutive nonces, one DB transaction).
  // A throw fails the whole batch; the retry finds finished requests finished and skips them.
  handler: async (jobs) => processRequests([...new Set(jobs.map((j) => ZJob.parse(j.data).requestId))]),
};

/** The requests among `ids` that already have a job waiting, retrying or running. */
async function withLiveJob(ids: string[]): Promise<Set<string>> {
  await requestBoss(); // pg-boss's tables exist
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT "data"->>'requestId' AS id FROM "pgboss"."job"
    WHERE "name" = ${PROCESS_REQUEST_QUEUE} AND "state" IN ('created', 'retry', 'active') AND "data"->>'requestId' = ANY(${ids}::text[])`;
  return new Set(rows.map((r) => r.id));
}

/**
 * Requeues accepted requests whose job was lost (a crash between accepting and queuing, or retries
 * exhausted). A request that still has a live job gets no second one, so jobs never pile up.
 */
export async function sweepStuckRequests(olderThanMs = 60_000): Promise<number> {
  const inFlight = await prisma.icrCreditRequest.findMany({
    where: {
      state: { in: ["pending_queue", "pending_onchain"] },
      updatedAt: { lt: new Date(Date.now() - olderThanMs) },
    },
    select: { id: true },
    take: 500,
  });
  const live = inFlight.length ? await withLiveJob(inFlight.map((r) => r.id)) : new Set<string>();
  const stuck = inFlight.filter((r) => !live.has(r.id));
  for (const r of stuck) await enqueueRequestProcessing(r.id, { fresh: true });
  if (stuck.length) logger.warn({ count: stuck.length }, "requeued accepted requests that were still in flight");
  return stuck.length;
}

export const sweepRequestsQueue: TQueue = {
  name: SWEEP_REQUESTS_QUEUE,
  options: { retryLimit: 0, expireInSeconds: 60 },
  schedule: "* * * * *",
  handler: async () => sweepStuckRequests(),
};
