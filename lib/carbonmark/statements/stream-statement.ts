import { z } from "zod";
import { streamActivityStatement } from "@/lib/carbonmark/statements/activity-statement";
import { streamHoldingStatement } from "@/lib/carbonmark/statements/holdings-statement";
import { streamRetirementStatement } from "@/lib/carbonmark/statements/retirements-statement";
import {
  PERIOD_ORDER_ISSUE,
  periodInOrder,
  ZStatementFormat,
  ZStatementPeriodFields,
} from "@/lib/carbonmark/statements/statement-period";

export const STATEMENT_KINDS = ["activity", "holdings", "retirements"] as const;
export type TStatementKind = (typeof STATEMENT_KINDS)[number];

/** What a statement download asks for (query parameters of the route and the API). */
export const ZStatementRequest = z
  .discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("activity"), format: ZStatementFormat, ...ZStatementPeriodFields }),
      z.object({ kind: z.literal("retirements"), format: ZStatementFormat, ...ZStatementPeriodFields }),
      z.object({
        kind: z.literal("holdings"),
        format: ZStatementFormat,
        at: z.iso.date({ message: "Use a date such as 2026-01-31" }),
      }),
    ],
    { message: "Statements are activity, holdings or retirements" },
  )
  .refine((r) => r.kind === "holdings" || periodInOrder(r), PERIOD_ORDER_ISSUE);
export type TStatementRequest = z.infer<typeof ZStatementRequest>;

/** One of the user's statements as a stream of CSV or JSON bytes, with the file name to offer. */
export function streamStatement(
  userId: string,
  req: TStatementRequest,
): { body: ReadableStream<Uint8Array>; fileName: string } {
  const ext = req.format;
  switch (req.kind) {
    case "activity":
      return {
        body: streamActivityStatement({ userId, ...req }),
        fileName: `carbonmark-activity${range(req)}.${ext}`,
      };
    case "retirements":
      return {
        body: streamRetirementStatement({ userId, ...req }),
        fileName: `carbonmark-retirements${range(req)}.${ext}`,
      };
    case "holdings":
      return { body: streamHoldingStatement({ userId, ...req }), fileName: `carbonmark-holdings-${req.at}.${ext}` };
  }
}

const range = (p: { from?: string; to?: string }) =>
  p.from || p.to ? `-${p.from ?? "start"}-to-${p.to ?? "now"}` : "";

/** The response of a statement download: streamed, not cached, offered as a file. */
export function statementResponse(s: { body: ReadableStream<Uint8Array>; fileName: string }, format: "csv" | "json") {
  return new Response(s.body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${s.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
