"use client";

import clsx from "clsx";
import { startTransition, useEffect, useRef, type ComponentPropsWithoutRef, type ReactNode } from "react";
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

/**
 * A <form> whose fields wait for hydration (FormFields); `className` lays out the fields. A function
 * `action` runs in a transition from the submit event rather than as React's form action: React
 * resets a form after its action, and that reset lands after the form's own state says it is
 * ready again, so it wiped what a person had typed meanwhile (an e-mail after a wrong password, a
 * PIN being re-entered). Here nothing is cleared; a form clears what it wants itself.
 */
export function Form({ className, children, action, onSubmit, ...props }: ComponentPropsWithoutRef<"form">) {
  const submit =
    typeof action === "function"
      ? (e: Parameters<NonNullable<typeof onSubmit>>[0]) => {
          onSubmit?.(e);
          if (e.defaultPrevented) return;
          e.preventDefault();
          const data = new FormData(e.currentTarget, (e.nativeEvent as globalThis.SubmitEvent).submitter);
          startTransition(() => action(data));
        }
      : onSubmit;
  return (
    <form {...props} action={typeof action === "function" ? undefined : action} onSubmit={submit}>
      <FormFields className={className}>{children}</FormFields>
    </form>
  );
}
