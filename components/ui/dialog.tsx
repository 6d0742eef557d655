"use client";

import { useEffect, useId, useLayoutEffect, useReducer, useRef, type KeyboardEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { focusFirst } from "@/components/ui/focus-first";
import { useHydrated } from "@/components/ui/use-hydrated";

const IN_DIALOG = "dialog, [role=dialog]";
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Tab past the last control goes back to the first (Shift+Tab, the other way), never out to the
 * browser's bar; so does Tab from the dialog itself (focused by a click on its text, or when the
 * control that had focus was disabled while a submission is on its way).
 */
function wrapTab(e: KeyboardEvent<HTMLDialogElement>) {
  if (e.key !== "Tab") return;
  const controls = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(":disabled") && el.getClientRects().length > 0,
  );
  const [first, last] = [controls[0], controls.at(-1)];
  const active = document.activeElement as HTMLElement | null;
  const isOnEdge = active === (e.shiftKey ? first : last);
  if (!isOnEdge && active && controls.includes(active)) return;
  e.preventDefault();
  (e.shiftKey ? last : first)?.focus();
}

/** Where focus goes back to when a dialog closes: what had it when the dialog opened, else the page's heading. */
function returnFocus(to: Element | null) {
  if (document.querySelector("dialog[open]")) return; // another dialog took over (a step's result): it has the focus
  if (
    to instanceof HTMLElement &&
    to !== document.body &&
    to.isConnected &&
    !to.closest(IN_DIALOG) &&
    !to.matches(":disabled")
  )
    return to.focus();
  const heading = document.querySelector<HTMLElement>("main h1, h1");
  if (!heading) return;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus();
}

/**
 * An accessible modal dialog on the browser's own <dialog> (showModal): the rest of the page is inert
 * and Tab wraps around, so focus stays inside; Escape and a click on the backdrop ask to close (onOpenChange(false), which
 * the caller may refuse, e.g. while a transfer is pending), it is labelled by its title and described
 * by its description, and focus goes back to what opened it. The field marked `data-autofocus` gets
 * the focus (PinField's autoFocus), else the browser focuses the first focusable control. Rendered at
 * the end of <body>, so it inherits nothing from where it is used (a table cell's alignment).
 * While `isBusy` (what it asks for is on its way) it cannot be closed and its controls are disabled.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  isBusy = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  isBusy?: boolean;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  const isHydrated = useHydrated();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  // The browser closes a dialog on a second Escape even when the first was refused; a render then shows it again.
  const [, reshow] = useReducer((n: number) => n + 1, 0);
  const isShown = open && isHydrated;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!isShown || !dialog || dialog.open) return;
    const active = document.activeElement;
    if (active && active !== document.body && !active.closest(IN_DIALOG)) opener.current = active;
    dialog.showModal();
    focusFirst(dialog);
  });

  useEffect(() => {
    if (!isShown) return;
    return () => returnFocus(opener.current);
  }, [isShown]);

  // Disabling the control that had focus drops it to <body>: once answered, it is back inside the
  // dialog, on the field the answer marks wrong if there is one.
  useEffect(() => {
    const dialog = ref.current;
    if (isBusy || !dialog?.open || dialog.contains(document.activeElement)) return;
    focusFirst(dialog, dialog);
  }, [isBusy]);

  const requestClose = () => {
    if (!isBusy) onOpenChange(false);
  };

  if (!isShown) return null;
  return createPortal(
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        requestClose();
      }}
      onClose={() => {
        requestClose();
        reshow();
      }}
      onKeyDown={wrapTab}
      // Focusable itself (not in the Tab order): a click on its text keeps the focus inside the dialog.
      tabIndex={-1}
      onPointerDown={(e) => {
        // The backdrop (outside the dialog's box; the box's own scrollbar is inside it).
        const box = e.currentTarget.getBoundingClientRect();
        const isOutside =
          e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
        if (e.target === e.currentTarget && isOutside) requestClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(32rem,calc(100vw-2rem))] max-w-none overflow-y-auto overscroll-contain rounded-lg bg-white text-slate-900 shadow-xl backdrop:bg-slate-900/50 focus:outline-none"
    >
      <div className="p-4 sm:p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {description && (
          <p id={descriptionId} className="mt-1 text-sm text-slate-600">
            {description}
          </p>
        )}
        <fieldset disabled={isBusy} aria-busy={isBusy || undefined} className="mt-4 min-w-0 border-0 p-0">
          {children}
        </fieldset>
      </div>
    </dialog>,
    document.body,
  );
}
