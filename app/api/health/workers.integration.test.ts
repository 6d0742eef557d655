import { afterAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { startHeartbeat, type THeartbeat } from "@/lib/jobs/heartbeat";
import { forgetHealth } from "@/lib/health";
import { GET } from "./route";

// A load balancer or orchestrator reads /api/health: with every dependency up, the workers' heartbeat decides.
// The operator (METRICS_TOKEN) reads why; each request here sees a fresh check (no 5 s cache).
process.env.METRICS_TOKEN = "operator-scrape-token-0123";
const health = () => {
  forgetHealth();
  return GET(
    new Request("http://localhost/api/health", { headers: { authorization: "Bearer operator-scrape-token-0123" } }),
  );
};
let heartbeats: THeartbeat[] = [];
// Open the pool first: on a busy machine a cold connection can exceed the check's 3 s budget.
await prisma.$queryRaw`SELECT 1`;
afterAll(async () => {
  for (const h of heartbeats) await h.stop();
});

it("answers 503 and says no worker has beaten when no worker runs", async () => {
  const res = await health();
  expect(res.status).toBe(503);
  const body = await res.json();
  expect(body.status).toBe("degraded");
  expect(body.checks.workers).toMatchObject({
    ok: false,
    detail: "no worker has beaten in 30 s (no worker has ever beaten)",
  });
  expect(body.checks.database.ok && body.checks.chain.ok && body.checks.migrations.ok).toBe(true);
});

it("answers 200 while two workers beat, and 503 naming the last beat once they stop beating for 30 s", async () => {
  heartbeats = [await startHeartbeat({ workerId: "worker-a" }), await startHeartbeat({ workerId: "worker-b" })];
  let res = await health();
  expect(res.status).toBe(200);
  expect((await res.json()).checks.workers).toMatchObject({
    ok: true,
    detail: expect.stringMatching(/^2 workers alive, last beat \d+\.\d s ago$/),
  });

  // Both processes were killed 31 s ago: their rows stay, but stale.
  for (const h of heartbeats) await h.stop();
  heartbeats = [];
  await prisma.$executeRaw`INSERT INTO "worker_heartbeat" ("workerId", "beatAt") VALUES ('killed', now() AT TIME ZONE 'UTC' - interval '31 seconds')`;
  res = await health();
  expect(res.status).toBe(503);
  expect((await res.json()).checks.workers).toMatchObject({
    ok: false,
    detail: expect.stringMatching(/^no worker has beaten in 30 s \(last beat 3\d\.\d s ago\)$/),
  });
});

it("a stopped worker removes its own row; a killed one is only counted until its beat is 30 s old", async () => {
  const h = await startHeartbeat({ workerId: "graceful" });
  expect(await prisma.workerHeartbeat.count({ where: { workerId: "graceful" } })).toBe(1);
  await h.stop();
  expect(await prisma.workerHeartbeat.count({ where: { workerId: "graceful" } })).toBe(0);
});
