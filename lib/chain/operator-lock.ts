// The operator's nonce lock across processes: a session-level PostgreSQL advisory lock on one
// dedicated connection per process (every operator send takes it: batches, recovery, sendAsOperator), with
// an in-process queue in front so waiting callers never tie up the shared connection pool.
import pg from "pg";
import { config } from "@/lib/config";

export const OPERATOR_LOCK = 0x1c40_0001;

type TState = { client?: Promise<pg.Client>; tail: Promise<unknown> };
const globalForLock = globalThis as unknown as { operatorLock?: TState };
const state = (globalForLock.operatorLock ??= { tail: Promise.resolve() });

function lockClient(): Promise<pg.Client> {
  state.client ??= (async () => {
    const c = new pg.Client({ connectionString: config().DATABASE_URL });
    c.on("error", () => (state.client = undefined));
    await c.connect();
    return c;
  })().catch((err) => {
    state.client = undefined;
    throw err;
  });
  return state.client;
}

/** Runs `fn` while holding the operator lock (in order: one holder per process and per database). */
export function withOperatorLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = state.tail.then(async () => {
    const c = await lockClient();
    await c.query("SELECT pg_advisory_lock($1)", [OPERATOR_LOCK]);
    try {
      return await fn();
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [OPERATOR_LOCK]).catch(() => (state.client = undefined));
    }
  });
  state.tail = run.catch(() => undefined);
  return run;
}

/** Closes the lock connection (tests, shutdown). */
export async function closeOperatorLock(): Promise<void> {
  const c = state.client;
  state.client = undefined;
  if (c) await (await c).end().catch(() => undefined);
}
