import type { TQueue } from "@/lib/jobs/queue";
import { boss } from "@/lib/jobs/boss";
import { runHoldingsIndexer } from "@/lib/carbonmark/portfolio/index-holdings";

const NAME = "cm-index-holdings";

// The indexer is one long job: it runs passes every INDEXER_POLL_MS for 55 s, after queueing its
// successor first, so the next loop starts as soon as this one ends. "stately" keeps at most one
// running and one queued (the minute schedule and worker start only revive a dead chain); a loop
// whose worker died expires after 90 s.
export const indexHoldingsQueue: TQueue = {
  name: NAME,
  options: { policy: "stately", retryLimit: 0, expireInSeconds: 90 },
  workOptions: { pollingIntervalSeconds: 0.5 },
  schedule: "* * * * *",
  runAtStart: true,
  handler: async () => {
    await (await boss()).send(NAME, {});
    await runHoldingsIndexer({ untilMs: Date.now() + 55_000 });
  },
};
