import { describe, expect, it } from "vitest";
import { APP_QUEUES as QUEUES } from "@/lib/worker/queues";
import { prisma } from "@/lib/db";
import { pruneRateLimits } from "@/lib/security/prune-rate-limits";
import { PRUNE_RATE_LIMITS_QUEUE } from "@/lib/security/prune-rate-limits-queue";
import { consumeOrThrow, createLimiter } from "@/lib/security/rate-limit";

describe("[RATE LIMIT] expired rate-limit rows are pruned", () => {
  it("the worker's scheduled job deletes expired rows of both tables and keeps live ones", async () => {
    const now = Date.now();
    const rows = (prefix: string) => [
      { key: `${prefix}:expired-long-ago`, points: 50, expire: BigInt(now - 24 * 3600_000) },
      { key: `${prefix}:expired-just-now`, points: 3, expire: BigInt(now - 1) },
      { key: `${prefix}:live`, points: 7, expire: BigInt(now + 15 * 60_000) },
      { key: `${prefix}:never-expires`, points: 1, expire: null },
    ];
    await prisma.cmRateLimit.createMany({ data: rows("cm") });
    await prisma.icrRateLimit.createMany({ data: rows("icr") });

    const queue = QUEUES.find((q) => q.name === PRUNE_RATE_LIMITS_QUEUE)!;
    expect(queue.schedule).toBe("*/10 * * * *");
    expect(await queue.handler([])).toEqual({ carbonmark: 2, icr: 2 });

    const keys = (t: { key: string }[]) => t.map((r) => r.key).sort();
    expect(keys(await prisma.cmRateLimit.findMany())).toEqual(["cm:live", "cm:never-expires"]);
    expect(keys(await prisma.icrRateLimit.findMany())).toEqual(["icr:live", "icr:never-expires"]);
    expect((await prisma.cmRateLimit.findUniqueOrThrow({ where: { key: "cm:live" } })).points).toBe(7);
  });

  it("a limiter's row goes once its window has ended, and the key then starts a new window", async () => {
    const limiter = createLimiter("cm_rate_limit", { name: "test-prune", points: 2, durationSec: 60 });
    await consumeOrThrow([{ limiter, key: "someone@x.test" }]);
    await consumeOrThrow([{ limiter, key: "someone@x.test" }]);
    const key = "test-prune:someone@x.test";
    expect(await pruneRateLimits(Date.now())).toMatchObject({ carbonmark: 0 });
    expect(await prisma.cmRateLimit.findUnique({ where: { key } })).toMatchObject({ points: 2 });

    expect(await pruneRateLimits(Date.now() + 61_000)).toMatchObject({ carbonmark: 1 });
    expect(await prisma.cmRateLimit.findUnique({ where: { key } })).toBeNull();
    await consumeOrThrow([{ limiter, key: "someone@x.test" }]);
    expect(await prisma.cmRateLimit.findUnique({ where: { key } })).toMatchObject({ points: 1 });
  });
});
