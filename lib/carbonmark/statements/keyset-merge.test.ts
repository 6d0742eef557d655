import { describe, expect, it } from "vitest";
import { mergeKeyset, type TKey, type TKeysetSource } from "@/lib/carbonmark/statements/keyset-merge";

type TEntry = TKey & { n: number };

/** A table of `count` entries at times `start + i * step` seconds, read in keyset pages. */
function table(name: string, count: number, start: number, step: number, built: string[]) {
  const all: TEntry[] = Array.from({ length: count }, (_, i) => ({
    at: new Date((start + i * step) * 1000),
    id: `${name}-${String(i).padStart(4, "0")}`,
    n: i,
  }));
  const pages: number[] = [];
  const source: TKeysetSource<string, TEntry> = {
    page: async (after, take) => {
      const rest = all.filter(
        (e) => !after || e.at > after.at || (e.at.getTime() === after.at.getTime() && e.id > after.id),
      );
      pages.push(rest.length);
      return rest.slice(0, take);
    },
    toRow: (e) => {
      built.push(e.id);
      return `${name}:${e.n}`;
    },
  };
  return { source, pages };
}

describe("mergeKeyset", () => {
  it("merges by time across pages, building each row only when it is taken", async () => {
    const built: string[] = [];
    const a = table("a", 5, 0, 2, built); // 0, 2, 4, 6, 8
    const b = table("b", 3, 1, 3, built); // 1, 4, 7
    const rows = mergeKeyset<string>([a.source, b.source], 2);

    expect((await rows.next()).value).toBe("a:0");
    expect(built).toEqual(["a-0000"]); // a page of each source is read; one row is built
    const rest: string[] = [];
    for await (const r of rows) rest.push(r);
    expect(rest).toEqual(["b:0", "a:1", "a:2", "b:1", "a:3", "b:2", "a:4"]);
    expect(built).toHaveLength(8);
    expect(a.pages).toEqual([5, 3, 1]);
  });

  it("a source without toRow yields its entries' `row`", async () => {
    const plain: TKeysetSource<string> = {
      page: async (after) => (after ? [] : [{ at: new Date(0), id: "x", row: "only" }]),
    };
    const out: string[] = [];
    for await (const r of mergeKeyset([plain])) out.push(r);
    expect(out).toEqual(["only"]);
  });
});
