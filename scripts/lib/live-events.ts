// A bench client of Carbonmark's live channel (`/api/carbonmark/live`, server-sent events), as the
// portfolio page listens to it: each event's text is handed to `onEvent` until it answers true, the
// stream ends, or `signal` aborts (an abort ends it quietly).
export async function followLiveEvents(opts: {
  baseUrl: string;
  cookie: string;
  signal: AbortSignal;
  onEvent: (event: string) => Promise<boolean>;
}): Promise<void> {
  try {
    const res = await fetch(`${opts.baseUrl}/api/carbonmark/live`, {
      headers: { cookie: opts.cookie },
      signal: opts.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let i;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (await opts.onEvent(event)) return;
      }
    }
  } catch (err) {
    if ((err as Error).name !== "AbortError") throw err;
  }
}
