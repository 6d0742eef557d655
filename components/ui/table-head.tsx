import clsx from "clsx";

type TColumn = string | { label: string; isNumeric?: boolean };

/**
 * A table's header row: one cell per column (numbers right-aligned) and, with `hasActions`, a last
 * column without a visible name for each row's buttons (screen readers read "Actions").
 */
export function TableHead({
  columns,
  hasActions = false,
  className,
}: {
  columns: TColumn[];
  hasActions?: boolean;
  className?: string;
}) {
  return (
    <thead className={clsx("text-xs text-slate-500", className)}>
      <tr>
        {columns.map((c) => {
          const { label, isNumeric } = typeof c === "string" ? { label: c, isNumeric: false } : c;
          return (
            <th key={label} className={clsx("py-2 pr-4 font-medium", isNumeric && "text-right")}>
              {label}
            </th>
          );
        })}
        {hasActions && (
          <th className="py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
