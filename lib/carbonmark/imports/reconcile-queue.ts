import { z } from "zod";
import { boss } from "@/lib/jobs/boss";
import type { TQueue } from "@/lib/jobs/queue";
import { reconcileImports, type TReconcileResult } from "@/lib/carbonmark/imports/reconcile-imports";

export const RECONCILE_IMPORTS_QUEUE = "cm-reconcile-imports";

/** Every 10 s while imports are in flight; backing off to 30 s while ICR does not answer, and when idle. */
export const RECONCILE_EVERY_S = 10;
export const RECONCILE_MAX_DELAY_S = 30;

const ZJob = z.object({ delayS: z.number().int().positive().optional() }).catch({});

/** Seconds until the next run, given this run's outcome and the delay that led to it. */
export function nextReconcileDelay(result: TReconcileResult, previousDelayS = RECONCILE_EVERY_S): number {
  if (!result.icrReachable) return Math.min(RECONCILE_MAX_DELAY_S, previousDelayS * 2);
  return result.users > 0 ? RECONCILE_EVERY_S : RECONCILE_MAX_DELAY_S;
}

export const reconcileImportsQueue: TQueue = {
  name: RECONCILE_IMPORTS_QUEUE,
  // stately: at most one run queued and one running, however many workers and schedules send.
  options: { policy: "stately", retryLimit: 2, retryDelay: 5, expireInSeconds: 300 },
  // The cron revives the chain of runs if a worker died holding it; each run queues the next.
  schedule: "* * * * *",
  runAtStart: true,
  handler: async (jobs) => {
    const { delayS } = ZJob.parse(jobs[0]?.data ?? {});
    const result = await reconcileImports();
    const next = nextReconcileDelay(result, delayS);
    await (await boss()).send(RECONCILE_IMPORTS_QUEUE, { delayS: next }, { startAfter: next });
    return result;
  },
};
