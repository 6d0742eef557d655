"use client";

import clsx from "clsx";
import { useEffect, useRef, useTransition, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { focusFirst } from "@/components/ui/focus-first";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Controls that stay disabled until the page has hydrated (one <fieldset disabled>), so a person on a
 * slow device cannot type into or click a control whose input React would not know about. A field
 * marked `data-autofocus` gets the focus once ready. Every form uses it through <Form>.
 */
export function FormFields({
  className,
  children,
  isPending = false,
}: {
  className?: string;
  children: ReactNode;
  /** A submission is on its way: every control is disabled (nothing is sent twice) until it is answered. */
  isPending?: boolean;
}) {
  const isReady = useHydrated();
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!isReady || isPending || (document.activeElement && document.activeElement !== document.body)) return;
    focusFirst(ref.current); // ready, or answered
  }, [isReady, isPending]);
  return (
    <fieldset
      ref={ref}
      disabled={!isReady || isPending}
      aria-busy={!isReady || isPending || undefined}
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
 *
 * While the action runs every control is disabled, and `onPendingChange` tells the form's owner
 * (a dialog must not close then). The transition's own `isPending` is the one flag that shows at
 * once: a `setState(true)` made inside an async transition is held back until the action ends.
 */
export function Form({
  className,
  children,
  action,
  onSubmit,
  onPendingChange,
  ...props
}: ComponentPropsWithoutRef<"form"> & { onPendingChange?: (isPending: boolean) => void }) {
  const [isPending, startTransition] = useTransition();
  const inFlight = useRef(false);
  useEffect(() => onPendingChange?.(isPending), [isPending, onPendingChange]);
  const submit =
    typeof action === "function"
      ? (e: Parameters<NonNullable<typeof onSubmit>>[0]) => {
          e.preventDefault();
          if (inFlight.current) return; // a second Enter before React disabled the fields
          inFlight.current = true;
          const data = new FormData(e.currentTarget, (e.nativeEvent as globalThis.SubmitEvent).submitter);
          startTransition(async () => {
            try {
              await action(data);
            } finally {
              inFlight.current = false;
            }
          });
        }
      : onSubmit;
  return (
    <form {...props} action={typeof action === "function" ? undefined : action} onSubmit={submit}>
      <FormFields className={className} isPending={isPending}>
        {children}
      </FormFields>
    </form>
  );
}
