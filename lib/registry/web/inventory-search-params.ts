import { z } from "zod";
import { HISTORY_FILTERS, type THistoryFilter } from "@/lib/registry/web/request-states";

const FILTER_KEYS = Object.keys(HISTORY_FILTERS) as [THistoryFilter, ...THistoryFilter[]];

/** `?page=&state=&request=` of the inventory page; anything unreadable falls back to page 1 of all history. */
export const ZInventorySearchParams = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  state: z.enum(FILTER_KEYS).catch("all"),
  /** The request an admin's mail links to, shown first. */
  request: z.guid().optional().catch(undefined),
});
export type TInventorySearchParams = z.infer<typeof ZInventorySearchParams>;

/** The query string for a page and filter (defaults left out, so the plain URL stays plain). */
export function inventoryQuery(p: TInventorySearchParams): string {
  const q = new URLSearchParams();
  if (p.state !== "all") q.set("state", p.state);
  if (p.page > 1) q.set("page", String(p.page));
  if (p.request) q.set("request", p.request);
  const s = q.toString();
  return s ? `?${s}` : "";
}
