/** A position in a table read oldest first: its time, then its id (unique). */
export type TKey = { at: Date; id: string };

/**
 * One table read in keyset pages: the entries after `after` (null: from the start), oldest first, at
 * most `take`. An entry is its row (`row`), or, with `toRow`, what the row is built from when it is
 * consumed: a page then holds only what the query read, and each row lives just long enough to be
 * written (short-lived objects are what the garbage collector frees cheaply, without growing the heap).
 */
export type TKeysetSource<R, P extends TKey = TKey & { row: R }> = {
  page: (after: TKey | null, take: number) => Promise<P[]>;
  toRow?: (entry: P) => R;
};

export const PAGE_SIZE = 1000;

/**
 * The rows of several sources in one order (time, then source, then id), each source read in
 * keyset pages of `take` rows (WHERE (createdAt, id) > last ORDER BY createdAt, id LIMIT take): at
 * most one page per source is in memory, and each page costs the same however far into the table.
 */
export async function* mergeKeyset<R>(
  sources: { page: (after: TKey | null, take: number) => Promise<TKey[]>; toRow?: (entry: never) => R }[],
  take = PAGE_SIZE,
): AsyncGenerator<R> {
  const state = sources.map((s) => ({
    source: s,
    toRow: (s.toRow ?? ((e: TKey & { row: R }) => e.row)) as (entry: TKey) => R,
    buffer: [] as TKey[],
    last: null as TKey | null,
    done: false,
  }));
  const fill = async (st: (typeof state)[number]) => {
    if (st.buffer.length || st.done) return;
    const page = await st.source.page(st.last, take);
    if (page.length < take) st.done = true;
    if (page.length) st.last = { at: page[page.length - 1].at, id: page[page.length - 1].id };
    st.buffer = page;
  };
  for (;;) {
    for (const st of state) await fill(st);
    let best = -1;
    for (const [i, st] of state.entries()) {
      if (!st.buffer.length) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const a = st.buffer[0];
      const b = state[best].buffer[0];
      if (a.at.getTime() < b.at.getTime()) best = i;
    }
    if (best < 0) return;
    const st = state[best];
    yield st.toRow(st.buffer.shift()!);
  }
}

/** Prisma's where for "after this key" on (createdAt, id). */
export function afterKey(after: TKey | null) {
  if (!after) return {};
  // `createdAt >= last` first, so the index scan starts at the page (not at the user's first row).
  return {
    AND: [
      { createdAt: { gte: after.at } },
      { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] },
    ],
  };
}
