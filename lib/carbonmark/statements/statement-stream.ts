import { inertCell } from "@/lib/carbonmark/statements/inert-cell";

export type TStatementFormat = "csv" | "json";
export type TStatementRow = Record<string, string | null>;

const ROWS_PER_CHUNK = 500;

/** One RFC 4180 record: a field with a comma, quote, CR or LF is quoted, its quotes doubled; CRLF ends it. */
export function csvRecord(cells: string[]): string {
  return `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",")}\r\n`;
}

/**
 * Turns rows (read lazily, a page at a time) into a download: CSV (RFC 4180: a header line, CRLF,
 * quotes where needed, UTF-8; every cell made inert against formula injection) or JSON (one array,
 * written as it is read). The stream is pulled: nothing is read from the database faster than the
 * client takes it, and cancelling the download stops the reading.
 */
export function statementStream(
  rows: AsyncIterator<TStatementRow>,
  columns: readonly string[],
  format: TStatementFormat,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  let count = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const batch: TStatementRow[] = [];
        let finished = false;
        while (batch.length < ROWS_PER_CHUNK) {
          const next = await rows.next();
          if (next.done) {
            finished = true;
            break;
          }
          batch.push(next.value);
        }
        let text = "";
        if (format === "csv") {
          if (!started) text = csvRecord([...columns]);
          for (const r of batch) text += csvRecord(columns.map((c) => inertCell(r[c] ?? "")));
        } else {
          if (!started) text = "[";
          for (const r of batch) {
            const ordered = Object.fromEntries(columns.map((c) => [c, r[c] ?? null]));
            text += `${count++ ? "," : ""}\n${JSON.stringify(ordered)}`;
          }
          if (finished) text += count ? "\n]\n" : "]\n";
        }
        started = true;
        if (text) controller.enqueue(encoder.encode(text));
        if (finished) controller.close();
      },
      async cancel() {
        await rows.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
