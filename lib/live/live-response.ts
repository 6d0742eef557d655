import { watchLive } from "@/lib/live/live-hub";

const HEARTBEAT_MS = 15_000;

/**
 * A Server-Sent Events response for one watched key: `event: status` (data "up"/"down": whether the
 * live channel works; pages poll while it is down) and `event: change` whenever the database
 * records a change for the key. Ends when the client goes away.
 */
export function liveResponse(req: Request, key: string): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      send("retry: 1000\n\n");
      const unwatch = watchLive(key, {
        onEvent: () => send("event: change\ndata: {}\n\n"),
        onStatus: (up) => send(`event: status\ndata: ${up ? "up" : "down"}\n\n`),
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      stop = () => {
        clearInterval(heartbeat);
        unwatch();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      req.signal.addEventListener("abort", () => stop());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
