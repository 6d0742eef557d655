import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { consumeOrThrow, createLimiter } from "@/lib/security/rate-limit";

// The limits' own pool keeps idle connections. PostgreSQL ends those on a restart, a failover or
// an administrator's command; the app must carry on (a pg Pool without an 'error' listener turns
// that into an uncaught exception that ends the process).
const seen: unknown[] = [];
const onUncaught = (err: unknown) => seen.push(err);
process.on("uncaughtException", onUncaught);
afterAll(() => {
  process.off("uncaughtException", onUncaught);
});

describe("[RATE LIMIT] the limits' database pool", () => {
  it("survives its idle connections being terminated by the server, and keeps counting", async () => {
    const limiter = createLimiter("icr_rate_limit", { name: "pool-test", points: 100, durationSec: 60 });
    await consumeOrThrow([{ limiter, key: "a" }]);
    const killed = await prisma.$queryRaw<{ pid: number }[]>`
      SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'rate-limit'`;
    expect(killed.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
    await consumeOrThrow([{ limiter, key: "a" }]);
    expect((await limiter.get("a"))?.consumedPoints).toBe(2);
  });
});
