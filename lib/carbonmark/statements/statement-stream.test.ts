import { describe, expect, it } from "vitest";
import { statementStream, type TStatementRow } from "@/lib/carbonmark/statements/statement-stream";

/** 100,000 rows, counting how many were asked for. */
function counted() {
  let pulled = 0;
  async function* rows(): AsyncGenerator<TStatementRow> {
    for (let i = 0; i < 100_000; i++) {
      pulled++;
      yield { id: String(i), amount: "1" };
    }
  }
  return { rows: rows(), pulled: () => pulled };
}

// A statement is read only as fast as the client takes it: a slow or stalled download holds one
// chunk (500 rows), never the whole statement, in memory.
describe("a streamed statement", () => {
  it("reads rows only as its reader takes chunks", async () => {
    const source = counted();
    const reader = statementStream(source.rows, ["id", "amount"], "csv").getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).split("\r\n")[0]).toBe("id,amount");
    await new Promise((r) => setTimeout(r, 50)); // nothing is read ahead while the reader waits
    expect(source.pulled()).toBeLessThanOrEqual(501);
    await reader.read();
    expect(source.pulled()).toBeLessThanOrEqual(1001);
    await reader.cancel();
  });
});
