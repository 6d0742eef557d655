import { Client } from "pg";
import { config } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { LIVE_CHANNEL, liveKey, type TLiveEvent } from "@/lib/live/notify";

// One LISTEN connection per process, fanned out in memory to every watcher of a key (a user's
// portfolio, an organization's inventory). Watchers learn whether the channel is up, so a page can
// fall back to polling while it is down; the connection is re-opened with a growing pause.

type TWatcher = { onEvent: () => void; onStatus: (up: boolean) => void };
type THub = {
  watchers: Map<string, Set<TWatcher>>;
  client?: Client;
  up: boolean;
  connecting?: Promise<void>;
  retryMs: number;
  closed: boolean;
};

const globalForHub = globalThis as unknown as { liveHub?: THub };
const MAX_RETRY_MS = 10_000;

function hub(): THub {
  globalForHub.liveHub ??= { watchers: new Map(), up: false, retryMs: 250, closed: false };
  return globalForHub.liveHub;
}

function setStatus(h: THub, up: boolean) {
  if (h.up === up) return;
  h.up = up;
  for (const set of h.watchers.values()) for (const w of set) w.onStatus(up);
}

function connect(h: THub): Promise<void> {
  h.connecting ??= (async () => {
    const client = new Client({ connectionString: config().DATABASE_URL, application_name: "carbonmark-live" });
    const lost = (err?: Error) => {
      if (h.client !== client) return;
      logger.warn({ err }, "live channel lost; watchers poll until it is back");
      h.client = undefined;
      setStatus(h, false);
      client.end().catch(() => undefined);
      scheduleReconnect(h);
    };
    try {
      client.on("error", lost);
      client.on("end", () => lost());
      client.on("notification", (msg) => {
        if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
        let event: TLiveEvent;
        try {
          event = JSON.parse(msg.payload) as TLiveEvent;
        } catch {
          return;
        }
        for (const w of h.watchers.get(liveKey(event)) ?? []) w.onEvent();
      });
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      h.client = client;
      h.retryMs = 250;
      setStatus(h, true);
    } catch (err) {
      logger.warn({ err }, "live channel could not connect; retrying");
      client.end().catch(() => undefined);
      scheduleReconnect(h);
    } finally {
      h.connecting = undefined;
    }
  })();
  return h.connecting;
}

function scheduleReconnect(h: THub) {
  if (h.closed || h.watchers.size === 0) return;
  const wait = h.retryMs;
  h.retryMs = Math.min(MAX_RETRY_MS, h.retryMs * 2);
  setTimeout(() => {
    if (!h.client && h.watchers.size > 0) void connect(h);
  }, wait).unref?.();
}

/**
 * Watches one key ("portfolio:<userId>", "inventory:<organizationId>"). `onStatus` is called at
 * once with the channel's state and again whenever it changes. Returns the unsubscribe function.
 */
export function watchLive(key: string, watcher: TWatcher): () => void {
  const h = hub();
  h.closed = false;
  let set = h.watchers.get(key);
  if (!set) h.watchers.set(key, (set = new Set()));
  set.add(watcher);
  watcher.onStatus(h.up);
  if (!h.client) void connect(h);
  return () => {
    set.delete(watcher);
    if (set.size === 0) h.watchers.delete(key);
  };
}

/** How many watchers this process serves (for the bench and health). */
export function liveWatcherCount(): number {
  let n = 0;
  for (const set of hub().watchers.values()) n += set.size;
  return n;
}

/** Closes the LISTEN connection (tests; a process shutting down). */
export async function closeLiveHub(): Promise<void> {
  const h = hub();
  h.closed = true;
  const client = h.client;
  h.client = undefined;
  setStatus(h, false);
  await client?.end().catch(() => undefined);
}
