import type { prisma } from "@/lib/db";

type TDb = Pick<typeof prisma, "$executeRaw">;

/** The PostgreSQL channel every live change goes out on (LISTEN/NOTIFY reaches every app instance). */
export const LIVE_CHANNEL = "cm_live";

/**
 * A change a page may want to see at once (a user's portfolio, an ICR organization's inventory), or
 * a job a worker may want to start at once instead of at its next poll (`jobs`).
 */
export type TLiveEvent =
  | { topic: "portfolio"; userId: string }
  | { topic: "inventory"; organizationId: string }
  | { topic: "jobs"; queue: string };

/** Sends the events (inside `db`'s transaction they go out when it commits, never before). */
export async function notifyLive(db: TDb, events: TLiveEvent[]): Promise<void> {
  for (const e of events) await db.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(e)})`;
}

export function notifyHoldingsChanged(db: TDb, userIds: string[]): Promise<void> {
  return notifyLive(
    db,
    userIds.map((userId) => ({ topic: "portfolio" as const, userId })),
  );
}

/** The key a watcher subscribes to for an event (see live-hub.ts). */
export function liveKey(e: TLiveEvent): string {
  if (e.topic === "portfolio") return `portfolio:${e.userId}`;
  if (e.topic === "jobs") return `jobs:${e.queue}`;
  return `inventory:${e.organizationId}`;
}
