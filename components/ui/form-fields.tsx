"use client";

import clsx from "clsx";
import { useEffect, useRef, type ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The controls of a form: one <fieldset> that stays disabled until the page has hydrated, so a person
 * on a slow device cannot type into (or click) a control whose input React would not know about.
 * Every form puts its fields in one. A field marked `data-autofocus` gets the focus once ready.
 */
export function FormFields({ className, children }: { className?: string; children: ReactNode }) {
  const isReady = useHydrated();
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!isReady || (document.activeElement && document.activeElement !== document.body)) return;
    ref.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [isReady]);
  return (
    <fieldset ref={ref} disabled={!isReady} aria-busy={!isReady || undefined} data-ready={isReady} className={clsx("m-0 min-w-0 border-0 p-0", className)}>
      {children}
    </fieldset>
  );
}
