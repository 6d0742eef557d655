import { describe, expect, it, vi } from "vitest";
import { createReadCache } from "@/lib/cache/read-cache";

describe("read cache", () => {
  it("shares one load between concurrent callers and serves it while fresh", async () => {
    const cache = createReadCache<number>({ ttlMs: 1000 });
    const load = vi.fn(async () => 1);
    expect(await Promise.all([cache.read("k", load), cache.read("k", load)])).toEqual([1, 1]);
    expect(await cache.read("k", load)).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("refreshes in the background past half its life, and never serves a value older than its life", async () => {
    vi.useFakeTimers();
    try {
      const cache = createReadCache<number>({ ttlMs: 1000 });
      let n = 0;
      const load = async () => ++n;
      expect(await cache.read("k", load)).toBe(1);
      vi.advanceTimersByTime(600);
      expect(await cache.read("k", load)).toBe(1); // still fresh; a refresh starts
      expect(await cache.read("k", load)).toBe(2); // the refreshed value
      vi.advanceTimersByTime(1500);
      expect(await cache.read("k", load)).toBe(3); // too old to serve: loaded again
    } finally {
      vi.useRealTimers();
    }
  });

  it("forgets on demand (discarding a refresh under way), and does not keep what `keep` refuses or failed loads", async () => {
    const cache = createReadCache<number | null>({ ttlMs: 1000, keep: (v) => v !== null });
    expect(await cache.read("a", async () => null)).toBeNull();
    expect(await cache.read("a", async () => 5)).toBe(5);
    cache.forget("a");
    expect(await cache.read("a", async () => 6)).toBe(6);
    await expect(cache.read("b", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.read("b", async () => 7)).toBe(7);
    cache.forget();
    expect(await cache.read("b", async () => 8)).toBe(8);
  });
});
