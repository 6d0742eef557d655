"use client";

import { useEffect, useRef } from "react";

/**
 * Listens to a Server-Sent Events route (lib/live/live-response.ts) while `enabled`: calls
 * `onChange` for every change it announces, and `onStatus(true)` while the channel is live
 * (connected, and its server's LISTEN connection up). Callers poll while it is not. Closed when
 * no longer `enabled`.
 */
export function useLiveChannel(opts: {
  url: string;
  enabled: boolean;
  onChange: () => void;
  onStatus: (isLive: boolean) => void;
}): void {
  const handlers = useRef({ onChange: opts.onChange, onStatus: opts.onStatus });
  useEffect(() => {
    handlers.current = { onChange: opts.onChange, onStatus: opts.onStatus };
  });
  const { url, enabled } = opts;
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    source.addEventListener("status", (e) => {
      const up = (e as MessageEvent<string>).data === "up";
      handlers.current.onStatus(up);
      // Whatever changed while the channel was down is read once now.
      if (up) handlers.current.onChange();
    });
    source.addEventListener("change", () => handlers.current.onChange());
    // EventSource reconnects by itself (every `retry` ms); the caller polls meanwhile.
    source.onerror = () => handlers.current.onStatus(false);
    return () => {
      source.close();
      handlers.current.onStatus(false);
    };
  }, [url, enabled]);
}
