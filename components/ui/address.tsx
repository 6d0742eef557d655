import clsx from "clsx";

/** An EVM address shown in full, monospaced, breakable: people must be able to check every character. */
export function Address({ value, highlight, className }: { value: string; highlight?: boolean; className?: string }) {
  return (
    <code
      data-testid="address"
      className={clsx(
        "break-all font-mono text-sm",
        highlight && "rounded bg-yellow-100 px-1.5 py-0.5 font-semibold text-slate-900 ring-2 ring-yellow-400",
        className,
      )}
    >
      {value}
    </code>
  );
}
