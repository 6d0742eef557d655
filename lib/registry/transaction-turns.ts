// Short registry transactions under load: each waits its turn in this process (a few at a time, so
// a burst never holds every pooled connection and leaves the rest to time out inside Prisma), and
// one that still cannot start, or that a stalled database lets expire, is answered "busy, try
// again" (503, nothing changed) instead of Prisma's internal message.
import { prisma, type TTx } from "@/lib/db";
import { IcrHttpError } from "@/lib/registry/api/errors";

export const BUSY_MESSAGE = "The registry is busy right now; nothing was changed. Please try again in a moment.";

/** At most this many turns run at once per process: fewer than the pool's 10 connections, leaving room for reads. */
const TURNS = 6;
/** A caller waits this long for a turn, then is told busy. */
const TURN_WAIT_MS = 15_000;

export const busy = () => new IcrHttpError(503, BUSY_MESSAGE);

let running = 0;
const waiting: (() => void)[] = [];

function takeTurn(): Promise<void> {
  if (running < TURNS) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const go = () => {
      clearTimeout(timer);
      running++;
      resolve();
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(go), 1);
      reject(busy());
    }, TURN_WAIT_MS);
    waiting.push(go);
  });
}

function endTurn() {
  running--;
  waiting.shift()?.();
}

/** Prisma's "could not start / expired" transaction errors (P2028): the transaction did not commit. */
function isTransactionApiError(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2028";
}

/** Runs `fn` in a transaction once it is this caller's turn; throws `busy()` (503) when the database cannot take it now. */
export async function inTransactionTurn<T>(fn: (db: TTx) => Promise<T>): Promise<T> {
  await takeTurn();
  try {
    return await prisma.$transaction(fn, { maxWait: 10_000, timeout: 15_000 });
  } catch (err) {
    throw isTransactionApiError(err) ? busy() : err;
  } finally {
    endTurn();
  }
}
