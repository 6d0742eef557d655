// A per-process cache for hot reads: concurrent callers share one read, and an entry past half
// its lifetime is refreshed in the background while callers still get it, so a busy key never
// makes everyone wait for a refresh. No caller ever gets a value older than `ttlMs`.

type TEntry<T> = { at: number; value: Promise<T>; isRefreshing?: boolean };

export type TReadCache<T> = {
  read: (key: string, load: () => Promise<T>) => Promise<T>;
  /** Drops one key, or everything. A refresh already under way for it is discarded. */
  forget: (key?: string) => void;
};

/** `keep` says whether a loaded value may be remembered (e.g. not a failed lookup). */
export function createReadCache<T>(opts: {
  ttlMs: number;
  keep?: (value: T) => boolean;
  maxKeys?: number;
}): TReadCache<T> {
  const entries = new Map<string, TEntry<T>>();
  const keep = opts.keep ?? (() => true);

  function store(key: string, value: Promise<T>, at: number, replacing?: TEntry<T>): TEntry<T> {
    const entry: TEntry<T> = { at, value };
    const isCurrent = () => entries.get(key) === (replacing ?? entry);
    if (!replacing) {
      if (entries.size >= (opts.maxKeys ?? 10_000))
        for (const [k, e] of entries) if (Date.now() - e.at >= opts.ttlMs) entries.delete(k);
      entries.set(key, entry);
    }
    value.then(
      (v) => {
        if (!isCurrent()) return;
        if (!keep(v)) entries.delete(key);
        else if (replacing) entries.set(key, entry);
      },
      () => isCurrent() && !replacing && entries.delete(key),
    );
    return entry;
  }

  return {
    read(key, load) {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < opts.ttlMs) {
        if (now - hit.at >= opts.ttlMs / 2 && !hit.isRefreshing) {
          hit.isRefreshing = true;
          store(key, load(), now, hit);
        }
        return hit.value;
      }
      return store(key, load(), now).value;
    },
    forget(key) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}
