import clsx from "clsx";
import { inventoryQuery } from "@/lib/registry/web/inventory-search-params";
import { HISTORY_FILTERS, type THistoryFilter } from "@/lib/registry/web/request-states";

/** Links that filter the request history by state (`?state=`), so a filtered view can be bookmarked and shared. */
export function HistoryFilter({ basePath, current }: { basePath: string; current: THistoryFilter }) {
  return (
    <nav aria-label="Filter history by state" className="mb-3 flex flex-wrap gap-2 text-sm">
      {(Object.keys(HISTORY_FILTERS) as THistoryFilter[]).map((key) => (
        <a
          key={key}
          href={`${basePath}${inventoryQuery({ page: 1, state: key })}`}
          aria-current={key === current ? "page" : undefined}
          className={clsx(
            "rounded-full border px-3 py-1",
            key === current
              ? "border-icr bg-icr text-white"
              : "border-slate-300 text-slate-700 hover:border-icr hover:text-icr",
          )}
        >
          {HISTORY_FILTERS[key].label}
        </a>
      ))}
    </nav>
  );
}
