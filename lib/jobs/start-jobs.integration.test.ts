import PgBoss from "pg-boss";
import { afterAll, expect, it } from "vitest";
import { createQueueSafely } from "@/lib/jobs/boss";
import { APP_QUEUES as QUEUES } from "@/lib/worker/queues";

// Several workers (and web instances) started at the same moment on a fresh database all create
// the same queues; PostgreSQL may pick one of them as a deadlock victim. None may fail to start.
const bosses = Array.from(
  { length: 4 },
  () => new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", max: 3 }),
);
afterAll(async () => {
  for (const b of bosses) await b.stop({ graceful: false, wait: true }).catch(() => undefined);
});

it("four processes creating every queue at the same moment on a fresh database all succeed", async () => {
  await bosses[0].start(); // creates the pgboss schema once (pg-boss serialises that itself)
  await Promise.all(bosses.slice(1).map((b) => b.start()));
  for (let round = 0; round < 3; round++) {
    const names = QUEUES.map((q) => `${q.name}-${round}`);
    const results = await Promise.allSettled(
      bosses.flatMap((b) =>
        names.map((n) => createQueueSafely(b, n, QUEUES.find((q) => q.name === n.replace(/-\d$/, ""))!.options)),
      ),
    );
    expect(
      results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);
  }
  expect((await bosses[1].getQueues()).length).toBeGreaterThanOrEqual(QUEUES.length * 3);
  // Each queue keeps the options it was created with.
  const stately = QUEUES.find((q) => q.options?.policy === "stately")!;
  expect(await bosses[2].getQueue(`${stately.name}-0`)).toMatchObject({
    policy: "stately",
    retryLimit: stately.options!.retryLimit,
    expireInSeconds: stately.options!.expireInSeconds,
  });
});
