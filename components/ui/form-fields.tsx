"use client";

import clsx from "clsx";
import { useEffect, useRef, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Controls that stay disabled until the page has hydrated (one <fieldset disabled>), so a person on a
 * slow device cannot type into or click a control whose input React would not know about. A field
 * marked `data-autofocus` gets the focus once ready. Every form uses it through <Form>.
 */
export function FormFields({ className, children }: { className?: string; children: ReactNode }) {
  const isReady = useHydrated();
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!isReady || (document.activeElement && document.activeElement !== document.body)) return;
    ref.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [isReady]);
  return (
    <fieldset
      ref={ref}
      disabled={!isReady}
      aria-busy={!isReady || undefined}
      data-ready={isReady}
      className={clsx("m-0 min-w-0 border-0 p-0", className)}
    >
      {children}
    </fieldset>
  );
}

/** A <form> whose fields wait for hydration (FormFields); `className` lays out the fields. */
export function Form({ className, children, ...props }: ComponentPropsWithoutRef<"form">) {
  return (
    <form {...props}>
      <FormFields className={className}>{children}</FormFields>
    </form>
  );
}
