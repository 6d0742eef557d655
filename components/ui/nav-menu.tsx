import clsx from "clsx";
import type { ReactNode } from "react";

/**
 * A header's links: in a row from 768 px up, behind a "Menu" disclosure (<details>, works before and
 * without JavaScript, announced as expanded/collapsed) on narrower screens and at high zoom.
 */
export function NavMenu({
  children,
  tone = "light",
  label = "Menu",
}: {
  children: ReactNode;
  tone?: "light" | "dark";
  label?: string;
}) {
  return (
    <>
      <div className="hidden items-center gap-5 text-sm md:flex">{children}</div>
      <details className="relative md:hidden">
        <summary
          className={clsx(
            "flex cursor-pointer list-none items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium [&::-webkit-details-marker]:hidden",
            tone === "dark" ? "border-blue-300 text-white" : "border-slate-300 text-slate-800",
          )}
        >
          <svg
            aria-hidden
            width="16"
            height="16"
            viewBox="0 0 16 16"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
          >
            <path d="M2 4h12M2 8h12M2 12h12" />
          </svg>
          {label}
        </summary>
        <div className="absolute right-0 z-30 mt-2 flex w-64 max-w-[calc(100vw-2rem)] flex-col items-start gap-3 break-all rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-800 shadow-lg [&_a]:text-slate-800 [&_button]:text-slate-800 [&_span]:text-slate-600">
          {children}
        </div>
      </details>
    </>
  );
}
