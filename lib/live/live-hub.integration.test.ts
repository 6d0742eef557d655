import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { closeLiveHub, liveWatcherCount, watchLive } from "@/lib/live/live-hub";
import { notifyLive } from "@/lib/live/notify";

afterAll(() => closeLiveHub());

const until = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};
const listeners = async () =>
  Number(
    (
      await prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'carbonmark-live' AND datname = current_database()`
    )[0].n,
  );

describe("the live channel", () => {
  it("tells each watcher only about its own key, over one LISTEN connection for the whole process", async () => {
    const heard = { a: 0, b: 0 };
    const status: boolean[] = [];
    const stops = [
      ...Array.from({ length: 200 }, () =>
        watchLive("portfolio:user-a", { onEvent: () => heard.a++, onStatus: (up) => status.push(up) }),
      ),
      watchLive("portfolio:user-b", { onEvent: () => heard.b++, onStatus: () => undefined }),
    ];
    await until(() => status.filter(Boolean).length === 200);
    expect(await listeners()).toBe(1);

    await notifyLive(prisma, [{ topic: "portfolio", userId: "user-a" }]);
    await until(() => heard.a === 200);
    // A transaction's events go out when it commits, never before (or at all if it rolls back).
    await prisma.$transaction(async (db) =>
      notifyLive(db, [
        { topic: "inventory", organizationId: "org-1" },
        { topic: "portfolio", userId: "user-b" },
      ]),
    );
    await until(() => heard.b === 1);
    expect(heard.a).toBe(200);
    await expect(
      prisma.$transaction(async (db) => {
        await notifyLive(db, [{ topic: "portfolio", userId: "user-b" }]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.b).toBe(1);

    for (const stop of stops) stop();
    expect(liveWatcherCount()).toBe(0);
  });

  it("reports the channel down when its connection drops (pages poll), and up again once it reconnects", async () => {
    const status: boolean[] = [];
    let heard = 0;
    const stop = watchLive("portfolio:user-c", { onEvent: () => heard++, onStatus: (up) => status.push(up) });
    await until(() => status.at(-1) === true);
    await prisma.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'carbonmark-live' AND datname = current_database()`;
    await until(() => status.includes(false) && status.at(-1) === true);
    await notifyLive(prisma, [{ topic: "portfolio", userId: "user-c" }]);
    await until(() => heard === 1);
    stop();
  });
});
