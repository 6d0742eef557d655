import clsx from "clsx";
import type { ReactNode } from "react";

export function Card({
  title,
  actions,
  children,
  className,
  headingLevel = 2,
}: {
  title?: ReactNode;
  /** 1 when the card's title is the page's title (a page without its own h1). */
  headingLevel?: 1 | 2;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className={clsx("rounded-lg border border-slate-200 bg-white shadow-sm", className)}>
      {(title || actions) && (
        <header className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-3">
          {title && <Heading className="text-base font-semibold">{title}</Heading>}
          {actions}
        </header>
      )}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
